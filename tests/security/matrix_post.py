"""The authorisation matrix's POST rows, and the form each POST sends.

The notation is explained in test_access_matrix.py.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.pine.factories import PDF_BYTES

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
/accounts/invitations/received/{invitation_received_id}/                         login 302*  404   404   404   404   404   404   404
# (anyone not in A asks to join it; A's own people are told they already belong)
/accounts/organisation/join/                                                     login 302   200   302   200   302   302   302   302
# (only an admin of A decides who joins A)
/accounts/organisation/{org}/join-requests/{join_request_id}/approve/            login 404   404   404   302*  404   404   404   404
/accounts/organisation/{org}/join-requests/{join_request_id}/refuse/             login 404   404   404   302   404   404   404   404

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

# The Movement
# (anyone signed in registers; member A already has a place, and is told so)
/movement/events/{event}/register/                                               login 302*  200   302*  302*  302*  302*  302*  302*
/movement/places/{offer_token}/accept/                                           login 404   302*  404   404   404   404   404   404
/movement/places/{place_token}/cancel/                                           login 404   302*  404   404   404   404   404   404

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
    "/accounts/organisation/join/": lambda w: {"name": "Borealis", "organisation": w.values["org"]},
    "/pine/applications/{application}/theory-of-change/": lambda w: {
        "outcomes": "Fewer children in care.",
        "activities": "Family meetings.",
        "action": "save",
        "version": 1,
    },
    "/movement/events/{event}/register/": lambda w: {"name": "Sam Rivers", "role": "Social worker"},
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
