"""The authorisation matrix's GET rows for the admin's own pages and every app but PINE.

The notation is explained in test_access_matrix.py, which joins this table with the others.
"""

GET_ADMIN = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# Admin: the site
/admin/                                                                          admin admin admin admin admin 200   200   200   200
# (signed in but not staff: refused)
/admin/login/                                                                    200   403   403   403   403   302   302   302   302
# (POST only; people who are not staff are sent to the admin's start, which asks them to sign in)
/admin/logout/                                                                   302   302   302   302   302   405   405   405   405
/admin/password_change/                                                          admin admin admin admin admin 200   200   200   200
/admin/password_change/done/                                                     admin admin admin admin admin 200   200   200   200
/admin/autocomplete/?{topic_search}                                              admin admin admin admin admin 200   403   403   200
/admin/jsi18n/                                                                   admin admin admin admin admin 200   200   200   200
/admin/r/{intervention_type_id}/{intervention_id}/                               admin admin admin admin admin 302   302   302   302
/admin/pine/                                                                     admin admin admin admin admin 404   200   200   200
/admin/evidence_store/                                                           admin admin admin admin admin 200   404   404   200
/admin/accounts/                                                                 admin admin admin admin admin 404   200   200   200
/admin/auth/                                                                     admin admin admin admin admin 404   404   404   200
/admin/core/                                                                     admin admin admin admin admin 404   404   200   200
# (the admin's catch-all)
/admin/no-such-page/                                                             admin admin admin admin admin 404   404   404   404

# Admin: accounts.user
/admin/accounts/user/                                                            admin admin admin admin admin 403   200   200   200
/admin/accounts/user/add/                                                        admin admin admin admin admin 403   403   403   200
/admin/accounts/user/{user_id}/change/                                           admin admin admin admin admin 403   200   200   200
/admin/accounts/user/{user_id}/history/                                          admin admin admin admin admin 403   200   200   200
/admin/accounts/user/{user_id}/delete/                                           admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/accounts/user/{user_id}/                                                  admin admin admin admin admin 302   302   302   302
/admin/accounts/user/{user_id}/password/                                         admin admin admin admin admin 403   403   403   200

# Admin: accounts.organisation
/admin/accounts/organisation/                                                    admin admin admin admin admin 403   200   200   200
/admin/accounts/organisation/add/                                                admin admin admin admin admin 403   403   403   200
/admin/accounts/organisation/{org_id}/change/                                    admin admin admin admin admin 403   200   200   200
/admin/accounts/organisation/{org_id}/history/                                   admin admin admin admin admin 403   200   200   200
/admin/accounts/organisation/{org_id}/delete/                                    admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/accounts/organisation/{org_id}/                                           admin admin admin admin admin 302   302   302   302

# Admin: accounts.joinrequest
/admin/accounts/joinrequest/                                                     admin admin admin admin admin 403   403   200   200
/admin/accounts/joinrequest/add/                                                 admin admin admin admin admin 403   403   403   403
/admin/accounts/joinrequest/{join_request_id}/change/                            admin admin admin admin admin 403   403   200   200
/admin/accounts/joinrequest/{join_request_id}/history/                           admin admin admin admin admin 403   403   200   200
/admin/accounts/joinrequest/{join_request_id}/delete/                            admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/accounts/joinrequest/{join_request_id}/                                   admin admin admin admin admin 302   302   302   302

# Admin: accounts.invitation
/admin/accounts/invitation/                                                      admin admin admin admin admin 403   403   200   200
/admin/accounts/invitation/add/                                                  admin admin admin admin admin 403   403   403   403
/admin/accounts/invitation/{invitation_id}/change/                               admin admin admin admin admin 403   403   200   200
/admin/accounts/invitation/{invitation_id}/history/                              admin admin admin admin admin 403   403   200   200
/admin/accounts/invitation/{invitation_id}/delete/                               admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/accounts/invitation/{invitation_id}/                                      admin admin admin admin admin 302   302   302   302

# Admin: auth.group
/admin/auth/group/                                                               admin admin admin admin admin 403   403   403   200
/admin/auth/group/add/                                                           admin admin admin admin admin 403   403   403   200
/admin/auth/group/{group_id}/change/                                             admin admin admin admin admin 403   403   403   200
/admin/auth/group/{group_id}/history/                                            admin admin admin admin admin 403   403   403   200
/admin/auth/group/{group_id}/delete/                                             admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/auth/group/{group_id}/                                                    admin admin admin admin admin 302   302   302   302

# Admin: account.emailaddress
/admin/account/emailaddress/                                                     admin admin admin admin admin 403   403   403   200
/admin/account/emailaddress/add/                                                 admin admin admin admin admin 403   403   403   200
/admin/account/emailaddress/{email_id}/change/                                   admin admin admin admin admin 403   403   403   200
/admin/account/emailaddress/{email_id}/history/                                  admin admin admin admin admin 403   403   403   200
/admin/account/emailaddress/{email_id}/delete/                                   admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/account/emailaddress/{email_id}/                                          admin admin admin admin admin 302   302   302   302

# Admin: mfa.authenticator
/admin/mfa/authenticator/                                                        admin admin admin admin admin 403   403   403   200
/admin/mfa/authenticator/add/                                                    admin admin admin admin admin 403   403   403   200
/admin/mfa/authenticator/{authenticator_id}/change/                              admin admin admin admin admin 403   403   403   200
/admin/mfa/authenticator/{authenticator_id}/history/                             admin admin admin admin admin 403   403   403   200
/admin/mfa/authenticator/{authenticator_id}/delete/                              admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/mfa/authenticator/{authenticator_id}/                                     admin admin admin admin admin 302   302   302   302

# Admin: usersessions.usersession
/admin/usersessions/usersession/                                                 admin admin admin admin admin 403   403   403   200
/admin/usersessions/usersession/add/                                             admin admin admin admin admin 403   403   403   200
/admin/usersessions/usersession/{usersession_id}/change/                         admin admin admin admin admin 403   403   403   200
/admin/usersessions/usersession/{usersession_id}/history/                        admin admin admin admin admin 403   403   403   200
/admin/usersessions/usersession/{usersession_id}/delete/                         admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/usersessions/usersession/{usersession_id}/                                admin admin admin admin admin 302   302   302   302

# Admin: evidence_store.topic
/admin/evidence_store/topic/                                                     admin admin admin admin admin 200   403   403   200
/admin/evidence_store/topic/add/                                                 admin admin admin admin admin 200   403   403   200
/admin/evidence_store/topic/{topic_id}/change/                                   admin admin admin admin admin 200   403   403   200
/admin/evidence_store/topic/{topic_id}/history/                                  admin admin admin admin admin 200   403   403   200
/admin/evidence_store/topic/{topic_id}/delete/                                   admin admin admin admin admin 200   403   403   200
# (the old change URL: redirects)
/admin/evidence_store/topic/{topic_id}/                                          admin admin admin admin admin 302   302   302   302

# Admin: evidence_store.outcome
/admin/evidence_store/outcome/                                                   admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcome/add/                                               admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcome/{outcome_id}/change/                               admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcome/{outcome_id}/history/                              admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcome/{outcome_id}/delete/                               admin admin admin admin admin 200   403   403   200
# (the old change URL: redirects)
/admin/evidence_store/outcome/{outcome_id}/                                      admin admin admin admin admin 302   302   302   302

# Admin: evidence_store.agegroup
/admin/evidence_store/agegroup/                                                  admin admin admin admin admin 200   403   403   200
/admin/evidence_store/agegroup/add/                                              admin admin admin admin admin 200   403   403   200
/admin/evidence_store/agegroup/{age_id}/change/                                  admin admin admin admin admin 200   403   403   200
/admin/evidence_store/agegroup/{age_id}/history/                                 admin admin admin admin admin 200   403   403   200
/admin/evidence_store/agegroup/{age_id}/delete/                                  admin admin admin admin admin 200   403   403   200
# (the old change URL: redirects)
/admin/evidence_store/agegroup/{age_id}/                                         admin admin admin admin admin 302   302   302   302

# Admin: evidence_store.intervention
/admin/evidence_store/intervention/                                              admin admin admin admin admin 200   403   403   200
/admin/evidence_store/intervention/add/                                          admin admin admin admin admin 200   403   403   200
/admin/evidence_store/intervention/{intervention_id}/change/                     admin admin admin admin admin 200   403   403   200
/admin/evidence_store/intervention/{intervention_id}/history/                    admin admin admin admin admin 200   403   403   200
/admin/evidence_store/intervention/{intervention_id}/delete/                     admin admin admin admin admin 200   403   403   200
# (the old change URL: redirects)
/admin/evidence_store/intervention/{intervention_id}/                            admin admin admin admin admin 302   302   302   302
/admin/evidence_store/intervention/{draft_id}/preview/                           admin admin admin admin admin 200   403   403   200
/admin/evidence_store/intervention/{intervention_id}/resources/{resource_id}/    admin admin admin admin admin 200   403   403   200
/admin/evidence_store/intervention/{intervention_id}/history/{history_id}/       admin admin admin admin admin 200   403   403   200

# Admin: evidence_store.outcomerating
/admin/evidence_store/outcomerating/                                             admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcomerating/add/                                         admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcomerating/{rating_id}/change/                          admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcomerating/{rating_id}/history/                         admin admin admin admin admin 200   403   403   200
/admin/evidence_store/outcomerating/{rating_id}/delete/                          admin admin admin admin admin 200   403   403   200
# (the old change URL: redirects)
/admin/evidence_store/outcomerating/{rating_id}/                                 admin admin admin admin admin 302   302   302   302
/admin/evidence_store/outcomerating/{rating_id}/history/{rating_history_id}/     admin admin admin admin admin 200   403   403   200

# Admin: evidence_store.study
/admin/evidence_store/study/                                                     admin admin admin admin admin 200   403   403   200
/admin/evidence_store/study/add/                                                 admin admin admin admin admin 200   403   403   200
/admin/evidence_store/study/{study_id}/change/                                   admin admin admin admin admin 200   403   403   200
/admin/evidence_store/study/{study_id}/history/                                  admin admin admin admin admin 200   403   403   200
/admin/evidence_store/study/{study_id}/delete/                                   admin admin admin admin admin 200   403   403   200
# (the old change URL: redirects)
/admin/evidence_store/study/{study_id}/                                          admin admin admin admin admin 302   302   302   302
/admin/evidence_store/study/{study_id}/history/{study_history_id}/               admin admin admin admin admin 200   403   403   200

# Admin: core.outboundemail (the outbox: a record, for the service's administrators, and for
# each programme's staff its own emails: this one is PINE's; "send again" is a POST)
/admin/core/outboundemail/                                                       admin admin admin admin admin 403   403   200   200
/admin/core/outboundemail/?status__exact=failed                                  admin admin admin admin admin 403   403   200   200
/admin/core/outboundemail/add/                                                   admin admin admin admin admin 403   403   403   403
/admin/core/outboundemail/{outbound_email_id}/change/                            admin admin admin admin admin 403   403   200   200
/admin/core/outboundemail/{outbound_email_id}/history/                           admin admin admin admin admin 403   403   200   200
/admin/core/outboundemail/{outbound_email_id}/delete/                            admin admin admin admin admin 403   403   403   403
/admin/core/outboundemail/{outbound_email_id}/                                   admin admin admin admin admin 302   302   302   302
"""
