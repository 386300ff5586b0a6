"""Who can reach what: every URL the project defines, tried as each kind of person.

The tables below are the authorisation matrix. Each row names a path, whose {placeholders} are
filled from tests/security/matrix_fixtures.py (organisation A owns every object named there), and
each column says what that person must get:

    anon   signed out                     edit   in the Evidence editors group
    noorg  signed in, no organisation     rev    in the PINE reviewers group
    memA   a member of organisation A     mgr    in the PINE programme managers group
    memB   a member of organisation B     super  a superuser
    admA   an admin of organisation A

GET is every URL pattern at least once (a pattern with no row fails
test_every_url_pattern_has_a_row_in_the_matrix); POST is the views that answer only POST and the
forms that change things; HIDDEN is what a page must not show to whom. Staff sessions have
passed two-factor authentication, as the admin requires; the last tests show what happens when
they have not.

An answer is a status code, or one of:

    login  a redirect to sign in, /accounts/login/?next=<this path>
    admin  a redirect to the admin's sign-in, /admin/login/?next=<this path>
    again  a redirect to enter their password again, /accounts/reauthenticate/?next=<this path>
    302    a redirect anywhere else

Every request runs in a savepoint that is rolled back. It must leave what `watched_data` counts
as it was, unless its answer ends in * (302*, 200*): then it must change it.
"""

import csv
import io
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from accounts.models import Invitation, Membership
from evidence_store.models import Intervention
from pine.models import (
    Application,
    Document,
    EvaluationReport,
    Export,
    Project,
    ProjectStage,
    SectionAnswer,
)
from pine.workflow import Status
from tests.accounts.factories import UserFactory
from tests.pine.factories import staff_in
from tests.pine.project_factories import PDF_BYTES
from tests.security.matrix_fixtures import ROLES, World, build_world

pytestmark = pytest.mark.django_db

GET = """
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
/evidence/ratings/                                                               200   200   200   200   200   200   200   200   200
/evidence/data/                                                                  200   200   200   200   200   200   200   200   200
/evidence/export/datapackage.json                                                200   200   200   200   200   200   200   200   200
/evidence/export/interventions.csv                                               200   200   200   200   200   200   200   200   200
/evidence/export/no-such-export.csv                                              404   404   404   404   404   404   404   404   404
/evidence/{intervention}/                                                        200   200   200   200   200   200   200   200   200
# (drafts are previewed in the admin only)
/evidence/{draft}/                                                               404   404   404   404   404   404   404   404   404
/evidence/{intervention}/resources/{resource_id}/                                200   200   200   200   200   200   200   200   200
# (a file is reached through its own intervention only)
/evidence/{draft}/resources/{resource_id}/                                       404   404   404   404   404   404   404   404   404

# Your account and organisation
# (signed in: sent on to their account)
/accounts/login/                                                                 200   302   302   302   302   302   302   302   302
# (only part-way through signing in; otherwise sent to sign in)
/accounts/2fa/authenticate/                                                      302   302   302   302   302   302   302   302   302
/accounts/profile/                                                               login 200   200   200   200   200   200   200   200
/accounts/profile/details/                                                       login 200   200   200   200   200   200   200   200
/accounts/data/                                                                  login 200   200   200   200   200   200   200   200
/accounts/delete/                                                                login 200   200   200   200   200   200   200   200
# (one organisation: sent to it)
/accounts/organisation/                                                          login 200   302   302   302   200   200   200   200
/accounts/organisation/new/                                                      login 200   200   200   200   200   200   200   200
/accounts/organisation/{org}/                                                    login 404   200   404   200   404   404   404   404
# (403: the admins-only page)
/accounts/organisation/{org}/invite/                                             login 404   403   404   200   404   404   404   404
# (POST only: see the POST table)
/accounts/organisation/{org}/invitations/{invitation_id}/cancel/                 login 405   405   405   405   405   405   405   405
# (POST only: see the POST table)
/accounts/organisation/{org}/members/{membership_id}/role/                       login 405   405   405   405   405   405   405   405
# (member A: the page to leave)
/accounts/organisation/{org}/members/{membership_id}/remove/                     login 404   200   404   200   404   404   404   404
# (B's membership at A's address)
/accounts/organisation/{org}/members/{membership_b_id}/remove/                   login 404   404   404   404   404   404   404   404
# (the invitation is to noorg's address; anyone else is told it is not theirs)
/accounts/invitations/{token}/                                                   200   200   403   403   403   403   403   403   403
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

# Admin: pine.call
/admin/pine/call/                                                                admin admin admin admin admin 403   200   200   200
/admin/pine/call/add/                                                            admin admin admin admin admin 403   403   200   200
/admin/pine/call/{call_id}/change/                                               admin admin admin admin admin 403   200   200   200
/admin/pine/call/{call_id}/history/                                              admin admin admin admin admin 403   200   200   200
/admin/pine/call/{call_id}/delete/                                               admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/pine/call/{call_id}/                                                      admin admin admin admin admin 302   302   302   302

# Admin: pine.priority
/admin/pine/priority/                                                            admin admin admin admin admin 403   200   200   200
/admin/pine/priority/add/                                                        admin admin admin admin admin 403   403   200   200
/admin/pine/priority/{priority_id}/change/                                       admin admin admin admin admin 403   200   200   200
/admin/pine/priority/{priority_id}/history/                                      admin admin admin admin admin 403   200   200   200
/admin/pine/priority/{priority_id}/delete/                                       admin admin admin admin admin 403   403   200   200
# (the old change URL: redirects)
/admin/pine/priority/{priority_id}/                                              admin admin admin admin admin 302   302   302   302

# Admin: pine.criterion
/admin/pine/criterion/                                                           admin admin admin admin admin 403   200   200   200
/admin/pine/criterion/add/                                                       admin admin admin admin admin 403   403   200   200
/admin/pine/criterion/{criterion_id}/change/                                     admin admin admin admin admin 403   200   200   200
/admin/pine/criterion/{criterion_id}/history/                                    admin admin admin admin admin 403   200   200   200
/admin/pine/criterion/{criterion_id}/delete/                                     admin admin admin admin admin 403   403   200   200
# (the old change URL: redirects)
/admin/pine/criterion/{criterion_id}/                                            admin admin admin admin admin 302   302   302   302

# Admin: pine.application
/admin/pine/application/                                                         admin admin admin admin admin 403   200   200   200
/admin/pine/application/add/                                                     admin admin admin admin admin 403   403   403   403
/admin/pine/application/{application_id}/change/                                 admin admin admin admin admin 403   200   200   200
/admin/pine/application/{application_id}/history/                                admin admin admin admin admin 403   200   200   200
/admin/pine/application/{application_id}/delete/                                 admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/application/{application_id}/                                        admin admin admin admin admin 302   302   302   302
/admin/pine/application/export/                                                  admin admin admin admin admin 403   200   200   200
/admin/pine/application/{application_id}/transition/?transition=start_screening  admin admin admin admin admin 403   200   200   200
/admin/pine/application/{application_id}/transition/?transition=nonsense         admin admin admin admin admin 403   404   404   404

# Admin: pine.event
/admin/pine/event/                                                               admin admin admin admin admin 403   200   200   200
/admin/pine/event/add/                                                           admin admin admin admin admin 403   403   403   403
/admin/pine/event/{event_id}/change/                                             admin admin admin admin admin 403   200   200   200
/admin/pine/event/{event_id}/history/                                            admin admin admin admin admin 403   200   200   200
/admin/pine/event/{event_id}/delete/                                             admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/event/{event_id}/                                                    admin admin admin admin admin 302   302   302   302

# Admin: pine.export
/admin/pine/export/                                                              admin admin admin admin admin 403   403   200   200
/admin/pine/export/add/                                                          admin admin admin admin admin 403   403   403   403
/admin/pine/export/{export_id}/change/                                           admin admin admin admin admin 403   403   200   200
/admin/pine/export/{export_id}/history/                                          admin admin admin admin admin 403   403   200   200
/admin/pine/export/{export_id}/delete/                                           admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/pine/export/{export_id}/                                                  admin admin admin admin admin 302   302   302   302

# Admin: pine.review
/admin/pine/review/                                                              admin admin admin admin admin 403   200   200   200
/admin/pine/review/add/                                                          admin admin admin admin admin 403   200   403   200
/admin/pine/review/{review_id}/change/                                           admin admin admin admin admin 403   200   200   200
# (editors see no reviews, so Django's history page says the review does not exist)
/admin/pine/review/{review_id}/history/                                          admin admin admin admin admin 302   200   200   200
/admin/pine/review/{review_id}/delete/                                           admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/pine/review/{review_id}/                                                  admin admin admin admin admin 302   302   302   302
# (reviewers see only their own: sent to the admin's start page)
/admin/pine/review/{other_review_id}/change/                                     admin admin admin admin admin 403   302   200   200

# Admin: pine.stagetemplate
/admin/pine/stagetemplate/                                                       admin admin admin admin admin 403   200   200   200
/admin/pine/stagetemplate/add/                                                   admin admin admin admin admin 403   403   200   200
/admin/pine/stagetemplate/{template_id}/change/                                  admin admin admin admin admin 403   200   200   200
/admin/pine/stagetemplate/{template_id}/history/                                 admin admin admin admin admin 403   200   200   200
/admin/pine/stagetemplate/{template_id}/delete/                                  admin admin admin admin admin 403   403   200   200
# (the old change URL: redirects)
/admin/pine/stagetemplate/{template_id}/                                         admin admin admin admin admin 302   302   302   302

# Admin: pine.project
/admin/pine/project/                                                             admin admin admin admin admin 403   200   200   200
/admin/pine/project/add/                                                         admin admin admin admin admin 403   403   403   403
/admin/pine/project/{project_id}/change/                                         admin admin admin admin admin 403   200   200   200
/admin/pine/project/{project_id}/history/                                        admin admin admin admin admin 403   200   200   200
/admin/pine/project/{project_id}/delete/                                         admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/project/{project_id}/                                                admin admin admin admin admin 302   302   302   302
# (pause, resume, withdraw, complete: only with the permission to change projects)
/admin/pine/project/{project_id}/act/pause/                                      admin admin admin admin admin 403   403   200   200
/admin/pine/project/{project_id}/act/nonsense/                                   admin admin admin admin admin 403   403   404   404
# (each export is logged)
/admin/pine/project/export/                                                      admin admin admin admin admin 403   403   200*  200*

# Admin: pine.projectstage
/admin/pine/projectstage/                                                        admin admin admin admin admin 403   200   200   200
/admin/pine/projectstage/add/                                                    admin admin admin admin admin 403   403   403   403
/admin/pine/projectstage/{stage_id}/change/                                      admin admin admin admin admin 403   200   200   200
/admin/pine/projectstage/{stage_id}/history/                                     admin admin admin admin admin 403   200   200   200
/admin/pine/projectstage/{stage_id}/delete/                                      admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/projectstage/{stage_id}/                                             admin admin admin admin admin 302   302   302   302
/admin/pine/projectstage/{stage_id}/act/skip/                                    admin admin admin admin admin 403   403   200   200
/admin/pine/projectstage/{stage_id}/act/nonsense/                                admin admin admin admin admin 403   403   404   404
/admin/pine/projectstage/autocomplete/?{stage_search}                            admin admin admin admin admin 403   200   200   200

# Admin: pine.meeting
/admin/pine/meeting/                                                             admin admin admin admin admin 403   403   200   200
/admin/pine/meeting/add/                                                         admin admin admin admin admin 403   403   200   200
/admin/pine/meeting/{meeting_id}/change/                                         admin admin admin admin admin 403   403   200   200
/admin/pine/meeting/{meeting_id}/history/                                        admin admin admin admin admin 403   403   200   200
/admin/pine/meeting/{meeting_id}/delete/                                         admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/meeting/{meeting_id}/                                                admin admin admin admin admin 302   302   302   302

# Admin: pine.document
/admin/pine/document/                                                            admin admin admin admin admin 403   403   200   200
/admin/pine/document/add/                                                        admin admin admin admin admin 403   403   200   200
/admin/pine/document/{document_id}/change/                                       admin admin admin admin admin 403   403   200   200
/admin/pine/document/{document_id}/history/                                      admin admin admin admin admin 403   403   200   200
/admin/pine/document/{document_id}/delete/                                       admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/document/{document_id}/                                              admin admin admin admin admin 302   302   302   302

# Admin: pine.evaluationreport
/admin/pine/evaluationreport/                                                    admin admin admin admin admin 403   200   200   200
/admin/pine/evaluationreport/add/                                                admin admin admin admin admin 403   403   200   200
/admin/pine/evaluationreport/{report_id}/change/                                 admin admin admin admin admin 403   200   200   200
/admin/pine/evaluationreport/{report_id}/history/                                admin admin admin admin admin 403   200   200   200
/admin/pine/evaluationreport/{report_id}/delete/                                 admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/evaluationreport/{report_id}/                                        admin admin admin admin admin 302   302   302   302
/admin/pine/evaluationreport/{unpublished_id}/publish/                           admin admin admin admin admin 403   403   200   200
/admin/pine/evaluationreport/{report_id}/unpublish/                              admin admin admin admin admin 403   403   200   200

# Admin: pine.projectevent
/admin/pine/projectevent/                                                        admin admin admin admin admin 403   403   200   200
/admin/pine/projectevent/add/                                                    admin admin admin admin admin 403   403   403   403
/admin/pine/projectevent/{project_event_id}/change/                              admin admin admin admin admin 403   403   200   200
/admin/pine/projectevent/{project_event_id}/history/                             admin admin admin admin admin 403   403   200   200
/admin/pine/projectevent/{project_event_id}/delete/                              admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/projectevent/{project_event_id}/                                     admin admin admin admin admin 302   302   302   302
"""

# Views that answer only POST, and the forms that change things, sent what a person would send
# (POST_FORMS). The test client does not check CSRF tokens, so what is tested is who may act.
POST = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# Your organisation
# (only an admin of A invites; a member of A gets the admins-only page)
/accounts/organisation/{org}/invite/                                             login 404   403   404   302*  404   404   404   404
# (only an admin of A cancels it; a member of A is told they cannot)
/accounts/organisation/{org}/invitations/{invitation_id}/cancel/                 login 404   302   404   302*  404   404   404   404
# (only an admin of A makes member A an admin; member A is told they cannot)
/accounts/organisation/{org}/members/{membership_id}/role/                       login 404   302   404   302*  404   404   404   404
# (member A leaves, or an admin of A removes them)
/accounts/organisation/{org}/members/{membership_id}/remove/                     login 404   302*  404   302*  404   404   404   404
# (only the person invited joins; anyone else is told it is not their invitation)
/accounts/invitations/{token}/                                                   login 302*  403   403   403   403   403   403   403

# Organisation A's application
# (only A's people start an application for A; for anyone else A is not a choice)
/pine/applications/new/?call={call}                                              login 200   302*  200   302*  200   200   200   200
/pine/applications/{application}/theory-of-change/                               login 404   302*  404   302*  404   404   404   404
/pine/applications/{application}/submit/                                         login 404   302*  404   302*  404   404   404   404
/pine/applications/{application}/withdraw/                                       login 404   302*  404   302*  404   404   404   404

# Organisation A's project
# (the partner and programme managers upload)
/pine/projects/{project}/stages/1/documents/                                     login 404   302*  404   302*  404   404   302*  302*
# (the partner, or a programme manager, marks the stage ready)
/pine/projects/{project}/stages/1/ready/                                         login 404   302*  404   302*  404   404   302*  302*

# The admin
# (staff are signed out, their session ended, and sent to the start page)
/admin/logout/                                                                   302   302   302   302   302   302*  302*  302*  302*
# (publishing the draft intervention, the list's action)
/admin/evidence_store/intervention/                                              admin admin admin admin admin 302*  403   403   302*
# (the CSV; each export is recorded)
/admin/pine/application/export/                                                  admin admin admin admin admin 403   200*  200*  200*
# (start screening the submitted application: reviewers and managers)
/admin/pine/application/{application_id}/transition/                             admin admin admin admin admin 403   302*  302*  302*
# (decline the application being screened: managers only; a reviewer is told why not)
/admin/pine/application/{screening_id}/transition/                               admin admin admin admin admin 403   200   302*  302*
# (skip a stage: managers only)
/admin/pine/projectstage/{second_stage_id}/act/skip/                             admin admin admin admin admin 403   403   302*  302*
/admin/pine/project/{project_id}/act/pause/                                      admin admin admin admin admin 403   403   302*  302*
# (publish a report: managers only)
/admin/pine/evaluationreport/{unpublished_id}/publish/                           admin admin admin admin admin 403   403   302*  302*
"""

POST_FORMS = {
    "/pine/applications/new/?call={call}": lambda w: {"organisation": w.values["org_id"]},
    "/accounts/organisation/{org}/invite/": lambda w: {"email": "new.colleague@example.org"},
    "/accounts/organisation/{org}/members/{membership_id}/role/": lambda w: {"role": "admin"},
    "/pine/applications/{application}/theory-of-change/": lambda w: {
        "outcomes": "Fewer children in care.",
        "activities": "Family meetings.",
        "action": "save",
        "version": 1,
    },
    "/pine/applications/{application}/submit/": lambda w: {"seen_status": "draft"},
    "/pine/applications/{application}/withdraw/": lambda w: {"seen_status": "draft"},
    "/pine/projects/{project}/stages/1/documents/": lambda w: {
        "stage": w.values["stage_id"],
        "title": "Interview notes",
        "kind": "other",
        "file": SimpleUploadedFile("notes.pdf", PDF_BYTES, content_type="application/pdf"),
    },
    "/pine/projects/{project}/stages/1/ready/": lambda w: {
        "stage": w.values["stage_id"],
        "seen_version": w.values["stage_version"],
    },
    "/admin/evidence_store/intervention/": lambda w: {
        "action": "publish",
        "_selected_action": [w.values["draft_id"]],
    },
    "/admin/pine/application/{application_id}/transition/": lambda w: {
        "transition": "start_screening",
        "seen_status": "submitted",
        "message": "We have started.",
    },
    "/admin/pine/application/{screening_id}/transition/": lambda w: {
        "transition": "decline",
        "seen_status": "screening",
        "message": "It does not fit the priorities.",
    },
    "/admin/pine/projectstage/{second_stage_id}/act/skip/": lambda w: {
        "seen_version": w.values["second_stage_version"],
        "text": "Not needed here.",
    },
    "/admin/pine/project/{project_id}/act/pause/": lambda w: {
        "seen_version": w.values["project_version"],
        "text": "Waiting for new staff.",
    },
    "/admin/pine/evaluationreport/{unpublished_id}/publish/": lambda w: {
        "seen_version": w.values["unpublished_version"],
    },
}


# What pages must not show: words that belong to one private or unpublished thing (see PRIVATE in
# matrix_fixtures.py), the people who must not see them there, and those who do (showing that the
# words would be found if they leaked), where anyone does.
HIDDEN = """
# path                                            words                   hidden from                      shown to
/evidence/                                        {draft_name}            all                              -
/evidence/compare/?i={intervention}&i={draft}     {draft_name}            all                              -
/evidence/export/interventions.csv                {draft_name}            all                              -
/pine/evaluations/                                {unpublished_title}     all                              -
/pine/partners/{project}/                         {meeting_place}         all                              -
/pine/partners/{project}/                         {document_title}        all                              -
/accounts/profile/                                {org_name}              noorg,memB,edit,rev,mgr,super    memA,admA
/pine/applications/                               {application_title}     noorg,memB,edit,rev,mgr,super    memA,admA
/pine/applications/{submitted}/                   {staff_note}            memA,admA                        -
/pine/projects/                                   {project_title}         noorg,memB,edit,rev              memA,admA,mgr,super
# (reviewers score independently: they see no one else's review, score or average)
/admin/pine/review/                               {other_reviewer}        rev                              mgr,super
/admin/pine/application/{application_id}/change/  {other_review_comment}  rev                              mgr,super
/admin/pine/application/                          {other_reviews_average} rev                              mgr,super
"""


@dataclass(frozen=True)
class Hidden:
    path: str
    words: str
    hidden_from: list[str]
    shown_to: list[str]

    def __str__(self) -> str:
        return f"{self.path} {self.words}"


def parse_hidden(table: str) -> list[Hidden]:
    def roles(cell: str) -> list[str]:
        names = {"all": ROLES, "-": []}.get(cell, cell.split(","))
        assert set(names) <= set(ROLES), cell
        return list(names)

    return [
        Hidden(path, words, roles(hidden_from), roles(shown_to))
        for line in table.splitlines()
        if line.strip() and not line.startswith("#")
        for path, words, hidden_from, shown_to in [line.split()]
    ]


@dataclass(frozen=True)
class Row:
    path: str  # with {placeholders}
    expected: dict[str, str]  # role -> answer

    def __str__(self) -> str:
        return self.path


def parse(table: str) -> list[Row]:
    rows = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        path, *answers = line.split()
        assert len(answers) == len(ROLES), f"{path}: {len(answers)} answers for {len(ROLES)} roles"
        rows.append(Row(path, dict(zip(ROLES, answers, strict=True))))
    assert len({row.path for row in rows}) == len(rows), "a path has two rows"
    return rows


GET_ROWS, POST_ROWS, HIDDEN_ROWS = parse(GET), parse(POST), parse_hidden(HIDDEN)


# --- The data, made once for the module ---------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Everyone and everything the matrix needs, inside a transaction rolled back at the end."""
    media = tmp_path_factory.mktemp("matrix-media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media), "base_url": None},
        },
    }
    with (
        override_settings(
            MEDIA_ROOT=media,
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def _private_storage_in_a_temporary_directory() -> None:
    """Replaces the suite's fresh directory per test: the module's files live in `world`'s."""


@pytest.fixture(autouse=True)
def _no_throttle_counts():
    cache.clear()


# --- Trying a path as someone --------------------------------------------------------------------


def watched_data(world: World) -> tuple:
    """What no request may change unless its cell says so: what the POST views change.

    Counts and sums, in one query, as it runs twice for each of the matrix's requests.
    """
    t = {
        m.__name__: connection.ops.quote_name(m._meta.db_table)
        for m in [
            Application,
            Export,
            Document,
            EvaluationReport,
            Intervention,
            Invitation,
            Membership,
            Project,
            ProjectStage,
            SectionAnswer,
            Session,
        ]
    }
    keys = list(world.sessions.values())
    application_statuses, stage_statuses = Status.values, ProjectStage.Status.values
    queries = [
        f"COUNT(*) FROM {t['Invitation']}",
        f"COUNT(accepted_at) FROM {t['Invitation']}",
        f"COUNT(*) FROM {t['Membership']}",
        f"COUNT(*) FROM {t['Membership']} WHERE role = %s",
        *[f"COUNT(*) FROM {t['Application']} WHERE status = %s"] * len(application_statuses),
        f"SUM(version) FROM {t['SectionAnswer']}",
        f"COUNT(*) FROM {t['Export']}",
        f"SUM(version) FROM {t['Project']}",
        f"SUM(version) FROM {t['ProjectStage']}",
        *[f"COUNT(*) FROM {t['ProjectStage']} WHERE status = %s"] * len(stage_statuses),
        f"COUNT(*) FROM {t['Document']}",
        f"COUNT(published_on) FROM {t['EvaluationReport']}",
        f"COUNT(*) FROM {t['Intervention']} WHERE status = %s",
        f"COUNT(*) FROM {t['Session']} WHERE session_key IN ({', '.join(['%s'] * len(keys))})",
    ]
    params = [
        Membership.Role.ADMIN,
        *application_statuses,
        *stage_statuses,
        Intervention.Status.PUBLISHED,
        *keys,
    ]
    # Table names come from the models; every value is a parameter.
    sql = "SELECT " + ", ".join(f"(SELECT {q})" for q in queries)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


# Pages that send a person back to the path they asked for, once they have signed in.
SIGN_IN_PAGES = {
    "/accounts/login/": "login",
    "/admin/login/": "admin",
    "/accounts/reauthenticate/": "again",
    "/accounts/2fa/reauthenticate/": "two-factor",
}


def answer(response, path: str) -> str:
    """The response in the matrix's words, with where a redirect goes if it is not sign-in."""
    if response.status_code != 302:
        return str(response.status_code)
    location = urlsplit(response["Location"])
    if parse_qs(location.query) == {"next": [path]} and location.path in SIGN_IN_PAGES:
        return SIGN_IN_PAGES[location.path]
    return f"302 to {response['Location']}"


def attempt(world: World, role: str, method: str, path: str, form=None) -> tuple[str, bool]:
    """The answer `role` gets, and whether the watched data changed; nothing is kept."""
    before = watched_data(world)
    with transaction.atomic():
        try:
            response = getattr(world.client(role), method)(path, form or {})
        except Exception as error:  # a 500: reported as a mismatch, with its cause
            got = f"500 ({type(error).__name__}: {error})"
        else:
            got = answer(response, path)
            body(response)
        changed = watched_data(world) != before
        transaction.set_rollback(True)
    return got, changed


def page_text(world: World, role: str, path: str, method: str = "get") -> str:
    """The body of the page `role` gets; nothing is kept."""
    with transaction.atomic():
        text = body(getattr(world.client(role), method)(path)).decode()
        transaction.set_rollback(True)
    return text


def body(response) -> bytes:
    """The whole body. Reading a download to its end closes it, as the test client arranges:
    closing it again would signal the request's end twice and close the database connection.
    """
    return b"".join(response.streaming_content) if response.streaming else response.content


def matches(expected: str, got: str, changed: bool) -> bool:
    if expected.endswith("*") != changed:
        return False
    expected = expected.rstrip("*")
    return got == expected or (expected == "302" and got.startswith("302 to"))


def check(world: World, row: Row, method: str, form=None) -> None:
    path = row.path.format(**world.values)
    wrong = []
    for role, expected in row.expected.items():
        got, changed = attempt(world, role, method, path, form(world) if form else None)
        if not matches(expected, got, changed):
            did = " and changed the data" if changed else ""
            wrong.append(f"  {role}: expected {expected}, got {got}{did}")
    assert not wrong, f"{method.upper()} {path} ({pattern_of(path)}):\n" + "\n".join(wrong)


def _join(route: str, inner: str) -> str:
    return route + inner.removeprefix("^")  # as Django joins the routes of a match


def defined_patterns(resolver: URLResolver, route: str = "", namespace: str = ""):
    """Each URL pattern the project answers: by its name, or by its route if it has none."""
    for pattern in resolver.url_patterns:
        inner = _join(route, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from defined_patterns(pattern, inner, prefix)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else inner


def pattern_of(path: str) -> str:
    match = resolve(path.split("?")[0])
    return match.view_name if match.url_name else match.route


# --- The matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize("row", GET_ROWS, ids=str)
def test_get(world, row):
    check(world, row, "get")


@pytest.mark.parametrize("row", POST_ROWS, ids=str)
def test_post(world, row):
    check(world, row, "post", POST_FORMS.get(row.path))


@pytest.mark.parametrize("row", HIDDEN_ROWS, ids=str)
def test_pages_show_nobody_what_is_not_theirs(world, row):
    path, words = row.path.format(**world.values), row.words.format(**world.values)
    wrong = [
        f"  {role}: shown" for role in row.hidden_from if words in page_text(world, role, path)
    ]
    wrong += [
        f"  {role}: not shown" for role in row.shown_to if words not in page_text(world, role, path)
    ]
    assert not wrong, f"GET {path} ({pattern_of(path)}), {words!r}:\n" + "\n".join(wrong)


def test_every_url_pattern_has_a_row_in_the_matrix(world):
    defined = set(defined_patterns(get_resolver()))
    covered = {pattern_of(row.path.format(**world.values)) for row in GET_ROWS}
    missing = sorted(defined - covered)
    assert not missing, (
        "These URL patterns have no row in the matrix in tests/security/test_access_matrix.py. "
        "Add a path for each, with the answer every role must get:\n  " + "\n  ".join(missing)
    )


def test_views_that_answer_only_post_are_tried_with_post():
    answers_only_post = {row.path for row in GET_ROWS if "405" in row.expected.values()}
    missing = answers_only_post - {row.path for row in POST_ROWS}
    assert not missing, f"Add these to the POST table: {sorted(missing)}"


def test_every_admin_path_asks_staff_for_their_second_factor(world):
    """A staff session that has not passed two-factor gets the code prompt, or the set-up page."""
    with_app = UserFactory(is_staff=True, is_superuser=True)
    without_app = UserFactory(is_staff=True, is_superuser=True, totp=False)
    gate = World(values=world.values, sessions={})
    gate.sessions = {
        "with_app": gate.sign_in_without_two_factor(with_app),
        "without_app": gate.sign_in_without_two_factor(without_app),
    }
    wrong = []
    for row in GET_ROWS:
        path = row.path.format(**world.values)
        if not path.startswith("/admin/"):
            continue
        for role, expected in [("with_app", "two-factor"), ("without_app", "403")]:
            got, _ = attempt(gate, role, "get", path)
            if got != expected:
                wrong.append(f"  {role} {path}: expected {expected}, got {got}")
    assert not wrong, "Admin paths open without two-factor:\n" + "\n".join(wrong)


def test_staff_reach_partners_projects_only_after_their_second_factor(world):
    """Outside the admin too: a manager's session without two-factor sees no one else's project."""
    manager = staff_in("PINE programme managers")
    gate = World(values=world.values, sessions={})
    gate.sessions = {"mgr": gate.sign_in_without_two_factor(manager)}
    workspace = [
        row.path.format(**world.values)
        for row in GET_ROWS
        if row.path.startswith(("/pine/projects/{project}/", "/pine/documents/"))
        and row.expected["mgr"] == "200"
    ]
    assert len(workspace) == 4
    answers = {path: attempt(gate, "mgr", "get", path)[0] for path in workspace}
    assert answers == dict.fromkeys(workspace, "404")


def test_reviewers_export_no_score_of_another_reviewer(world):
    """The export is the application list as CSV: the same independence applies to it."""
    averages = {}
    for role in ["rev", "mgr"]:
        csv_text = page_text(world, role, "/admin/pine/application/export/", "post")
        rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(csv_text))}
        averages[role] = rows[world.values["submitted"]]["average_weighted_score"]
    # The reviewer has not scored this application; only another reviewer has.
    assert averages == {"rev": "", "mgr": "3.0"}, f"average weighted score by role: {averages}"
