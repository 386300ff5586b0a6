"""The authorisation matrix's GET rows for every page outside the admin.

The notation is explained in test_access_matrix.py, which joins this table with the admin's.
"""

GET_PAGES = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# Project-wide pages
/                                                                                200   200   200   200   200   200   200   200   200
/accessibility/                                                                  200   200   200   200   200   200   200   200   200
/privacy/                                                                        200   200   200   200   200   200   200   200   200
/cookies/                                                                        200   200   200   200   200   200   200   200   200
/healthz                                                                         200   200   200   200   200   200   200   200   200

# Evidence store (public)
/evidence/                                                                       200   200   200   200   200   200   200   200   200
/evidence/compare/?i={intervention}&i={draft}                                    200   200   200   200   200   200   200   200   200
/evidence/compare/comparison.csv?i={intervention}&i={draft}                     400   400   400   400   400   400   400   400   400
/evidence/ratings/                                                               200   200   200   200   200   200   200   200   200
/evidence/data/                                                                  200   200   200   200   200   200   200   200   200
/evidence/export/datapackage.json                                                200   200   200   200   200   200   200   200   200
/evidence/export/interventions.csv                                               200   200   200   200   200   200   200   200   200
/evidence/export/no-such-export.csv                                              404   404   404   404   404   404   404   404   404
/evidence/gap-map/                                                               200   200   200   200   200   200   200   200   200
# (a filter value that is not one of the choices is explained on the page and left out)
/evidence/gap-map/?view=topic&topic=nope                                         200   200   200   200   200   200   200   200   200
/evidence/gap-map/matrix.csv                                                     200   200   200   200   200   200   200   200   200
/evidence/gap-map/gaps.csv?topic=nope                                            200   200   200   200   200   200   200   200   200
/evidence/{intervention}/                                                        200   200   200   200   200   200   200   200   200
# (drafts are previewed in the admin only)
/evidence/{draft}/                                                               404   404   404   404   404   404   404   404   404
/evidence/{intervention}/resources/{resource_id}/                                200   200   200   200   200   200   200   200   200
# (a file is reached through its own intervention only)
/evidence/{draft}/resources/{resource_id}/                                       404   404   404   404   404   404   404   404   404
/evidence/{intervention}/as-of/{today}/                                          200   200   200   200   200   200   200   200   200
# (a date before the intervention's history, or not a real date: a page that explains, as a 404)
/evidence/{intervention}/as-of/2000-01-01/                                       404   404   404   404   404   404   404   404   404
/evidence/{intervention}/as-of/2024-02-30/                                       404   404   404   404   404   404   404   404   404
# (no version of a draft is shown)
/evidence/{draft}/as-of/{today}/                                                 404   404   404   404   404   404   404   404   404

# Your account and organisation
# (signed in: sent on to their account)
/accounts/login/                                                                 200   302   302   302   302   302   302   302   302
# (only part-way through signing in; otherwise sent to sign in)
/accounts/2fa/authenticate/                                                      302   302   302   302   302   302   302   302   302
/accounts/                                                                       login 200   200   200   200   200   200   200   200
/accounts/profile/                                                               login 200   200   200   200   200   200   200   200
/accounts/profile/details/                                                       login 200   200   200   200   200   200   200   200
/accounts/data/                                                                  login 200   200   200   200   200   200   200   200
/accounts/delete/                                                                login 200   200   200   200   200   200   200   200
# (one organisation: sent to it)
/accounts/organisation/                                                          login 200   302   302   302   200   200   200   200
/accounts/organisation/new/                                                      login 200   200   200   200   200   200   200   200
# (returns to a page on this site when one is given)
/accounts/organisation/new/?next=/pine/applications/new/?call={call}             login 200   200   200   200   200   200   200   200
/accounts/organisation/join/                                                     login 200   200   200   200   200   200   200   200
/accounts/organisation/join/?name=Borealis                                       login 200   200   200   200   200   200   200   200
/accounts/organisation/{org}/                                                    login 404   200   404   200   404   404   404   404
# (403: the admins-only page)
/accounts/organisation/{org}/invite/                                             login 404   403   404   200   404   404   404   404
# (POST only: see the POST table)
/accounts/organisation/{org}/invitations/{invitation_id}/cancel/                 login 405   405   405   405   405   405   405   405
# (POST only: see the POST table)
/accounts/organisation/{org}/members/{membership_id}/role/                       login 405   405   405   405   405   405   405   405
# (member A: the page to leave)
/accounts/organisation/{org}/members/{membership_id}/remove/                     login 404   200   404   200   404   404   404   404
# (POST only: see the POST table)
/accounts/organisation/{org}/join-requests/{join_request_id}/approve/            login 405   405   405   405   405   405   405   405
/accounts/organisation/{org}/join-requests/{join_request_id}/refuse/             login 405   405   405   405   405   405   405   405
# (B's membership at A's address)
/accounts/organisation/{org}/members/{membership_b_id}/remove/                   login 404   404   404   404   404   404   404   404
# (the invitation is to noorg's address; anyone else is told it is not theirs)
/accounts/invitations/{token}/                                                   200   200   403   403   403   403   403   403   403
# (accepted from the account home by the person invited, signed in with that address)
/accounts/invitations/received/{invitation_received_id}/                         login 200   404   404   404   404   404   404   404
# (the 'link not recognised' page)
/accounts/invitations/not-a-real-token/                                          404   404   404   404   404   404   404   404   404

# Signing in and security (allauth)
# (a confirmation page: GET signs no one out)
/accounts/logout/                                                                302   200   200   200   200   200   200   200   200
/accounts/inactive/                                                              200   200   200   200   200   200   200   200   200
/accounts/signup/                                                                200   302   302   302   302   302   302   302   302
/accounts/reauthenticate/                                                        login 200   200   200   200   200   200   200   200
# (reauthentication by an emailed code is not offered: a password or security code is asked)
/accounts/reauthenticate/code/                                                   404   404   404   404   404   404   404   404   404
/accounts/reauthenticate/code/confirm/                                           404   404   404   404   404   404   404   404   404
/accounts/email/                                                                 login 200   200   200   200   200   200   200   200
/accounts/confirm-email/                                                         200   200   200   200   200   200   200   200   200
/accounts/password/change/                                                       login 200   200   200   200   200   200   200   200
# (they have a password: sent to change it)
/accounts/password/set/                                                          login 302   302   302   302   302   302   302   302
/accounts/password/reset/                                                        200   200   200   200   200   200   200   200   200
/accounts/password/reset/done/                                                   200   200   200   200   200   200   200   200   200
# (an invalid link: the 'link is invalid' page)
/accounts/password/reset/key/0-not-a-real-key/                                   200   200   200   200   200   200   200   200   200
/accounts/password/reset/key/done/                                               200   200   200   200   200   200   200   200   200
# (an invalid link: the 'link is invalid' page)
/accounts/confirm-email/not-a-real-key/                                          200   200   200   200   200   200   200   200   200
# (sign-in by code is off)
/accounts/login/code/confirm/                                                    302   302   302   302   302   302   302   302   302
/accounts/2fa/                                                                   login 200   200   200   200   200   200   200   200
# (only for someone with an authenticator app)
/accounts/2fa/reauthenticate/                                                    login 302   302   302   302   200   200   200   200
# (asked for their password again first)
/accounts/2fa/totp/activate/                                                     login again again again again again again again again
# (only for someone with an app; asked for their password again first)
/accounts/2fa/totp/deactivate/                                                   login 404   404   404   404   again again again again
# (nobody has recovery codes yet)
/accounts/2fa/recovery-codes/                                                    login 404   404   404   404   404   404   404   404
# (asked for their password again first)
/accounts/2fa/recovery-codes/generate/                                           login again again again again again again again again
/accounts/2fa/recovery-codes/download/                                           login 404   404   404   404   404   404   404   404

# PINE: public pages
/pine/                                                                           200   200   200   200   200   200   200   200   200
/pine/calls/{call}/                                                              200   200   200   200   200   200   200   200   200
/pine/partners/                                                                  200   200   200   200   200   200   200   200   200
/pine/partners/{project}/                                                        200   200   200   200   200   200   200   200   200
/pine/evaluations/                                                               200   200   200   200   200   200   200   200   200
/pine/evaluations/{report}/                                                      200   200   200   200   200   200   200   200   200
/pine/evaluations/{unpublished}/                                                 404   404   404   404   404   404   404   404   404
/pine/evaluations/{report}/report.pdf                                            200   200   200   200   200   200   200   200   200
/pine/evaluations/{unpublished}/report.pdf                                       404   404   404   404   404   404   404   404   404

# PINE: organisation A's applications
/pine/applications/                                                              login 200   200   200   200   200   200   200   200
/pine/applications/new/?call={call}                                              login 200   200   200   200   200   200   200   200
/pine/applications/new/?call=no-such-call                                        login 404   404   404   404   404   404   404   404
/pine/applications/{application}/                                                login 404   200   404   200   404   404   404   404
/pine/applications/{application}/submit/                                         login 404   200   404   200   404   404   404   404
/pine/applications/{submitted}/sent/                                             login 404   200   404   200   404   404   404   404
# (a draft has not been sent: its confirmation leads to the application)
/pine/applications/{application}/sent/                                           login 404   302   404   302   404   404   404   404
/pine/applications/{application}/withdraw/                                       login 404   200   404   200   404   404   404   404
/pine/applications/{application}/theory-of-change/                               login 404   200   404   200   404   404   404   404
/pine/applications/{application}/no-such-section/                                login 404   404   404   404   404   404   404   404

# PINE: organisation A's project workspace
/pine/projects/                                                                  login 200   200   200   200   200   200   200   200
# (staff need view_project, view_meeting and view_document)
/pine/projects/{project}/                                                        login 404   200   404   200   404   404   200   200
/pine/projects/{project}/meetings.ics                                            login 404   200   404   200   404   404   200   200
/pine/projects/{project}/stages/1/                                               login 404   200   404   200   404   404   200   200
/pine/projects/{project}/stages/99/                                              login 404   404   404   404   404   404   404   404
# (POST only: see the POST table)
/pine/projects/{project}/stages/1/documents/                                     login 405   405   405   405   405   405   405   405
# (POST only: see the POST table)
/pine/projects/{project}/stages/1/ready/                                         login 405   405   405   405   405   405   405   405
/pine/documents/{document_id}/                                                   login 404   200   404   200   404   404   200   200

# Movement: public pages
/movement/                                                                       200   200   200   200   200   200   200   200   200
/movement/events/                                                                200   200   200   200   200   200   200   200   200
/movement/events/{event}/                                                        200   200   200   200   200   200   200   200   200
/movement/events/{past_event}/                                                   200   200   200   200   200   200   200   200   200
# (an unpublished event is not on the site for anyone, staff included)
/movement/events/{draft_event}/                                                  404   404   404   404   404   404   404   404   404
/movement/events/{event}/documents/{event_document_id}/                          200   200   200   200   200   200   200   200   200
# (a document is reached through its own event only)
/movement/events/{past_event}/documents/{event_document_id}/                     404   404   404   404   404   404   404   404   404

# Movement: registering, and member A's own places
# (member A already has a place: the page says so and links to it)
/movement/events/{event}/register/                                               login 200   200   200   200   200   200   200   200
/movement/events/{past_event}/register/                                          login 200   200   200   200   200   200   200   200
/movement/events/{draft_event}/register/                                         login 404   404   404   404   404   404   404   404
# (a place is its holder's alone: A's admin and staff get 404 too)
/movement/places/{place_token}/                                                  login 404   200   404   404   404   404   404   404
/movement/places/{place_token}/event.ics                                         login 404   200   404   404   404   404   404   404
# (an offered place has no calendar file until it is accepted)
/movement/places/{offer_token}/event.ics                                         login 404   404   404   404   404   404   404   404
/movement/places/{offer_token}/accept/                                           login 404   200   404   404   404   404   404   404
# (a confirmed place has no offer to accept: the page says so)
/movement/places/{place_token}/accept/                                           login 404   200   404   404   404   404   404   404
/movement/places/{place_token}/cancel/                                           login 404   200   404   404   404   404   404   404
# (a made-up token)
/movement/places/00000000-0000-4000-8000-000000000000/                           login 404   404   404   404   404   404   404   404
"""
