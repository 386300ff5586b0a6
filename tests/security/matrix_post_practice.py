"""The authorisation matrix's POST rows for the practice network, and the form each sends.

The notation is explained in test_access_matrix.py; the objects are matrix_fixtures_practice.py's.
A cell ending in * changed what matrix_requests.watched_data counts (a post, a follow, a
profile, a report or an application made or removed).
"""

CHECKLIST = {"no_one_identified": "on", "no_personal_details": "on", "permission": "on"}
TEST_FIELDS = {
    "title": "Walking meetings",
    "what_we_will_try": "Meeting teenagers on a walk.",
    "expected_change": "They talk more.",
    "why": "Side by side is easier.",
    "how_we_will_tell": "Count the worries they raise.",
    "duration": "month",
}

POST_PRACTICE = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# Posting: a profile made (or, for A and B, changed); a draft saved, then posted by its author
/movement/practice/profile/                                                      login 302*  302   302   302*  302*  302*  302*  302*
/movement/practice/new/                                                          login 302   302*  302*  302   302   302   302   302
/movement/practice/{practice_draft_id}/edit/                                     login 404   302   404   404   404   404   404   404
/movement/practice/{practice_draft_id}/check/                                    login 404   302*  404   404   404   404   404   404

# The author's update, finding and application to PINE
/movement/practice/{practice_test_id}/updates/new/                               login 404   302*  404   404   404   404   404   404
/movement/practice/{practice_test_id}/finding/                                   login 404   302*  404   404   404   404   404   404
/movement/practice/{practice_test_id}/put-forward/                               login 404   302*  404   404   404   404   404   404

# Taking part (without a profile, sent to make one; the author cannot try their own idea,
# and member B is already trying it)
/movement/practice/{practice_test_id}/replies/                                   login 302   302*  302*  302   302   302   302   302
/movement/practice/{practice_test_id}/trying/                                    login 302   302   302   302   302   302   302   302
# (what member B found is written on their trial: no row is added, so nothing counted changes)
/movement/practice/{practice_test_id}/trying/finding/                            login 404   404   302   404   404   404   404   404
# (member A follows it already)
/movement/practice/{practice_test_id}/follow/                                    login 302*  302   302*  302*  302*  302*  302*  302*
/movement/practice/{practice_test_id}/unfollow/                                  login 302   302*  302   302   302   302   302   302
/movement/practice/{practice_test_id}/report/reply/{practice_reply_id}/          login 302*  302*  302*  302*  302*  302*  302*  302*
# (the email's link works for whoever holds it, signed in or not)
/movement/practice/unfollow/{practice_follow_token}/                             200*  200*  200*  200*  200*  200*  200*  200*  200*
"""

POST_FORMS_PRACTICE = {
    "/movement/practice/profile/": lambda w: {"display_name": "Sam", "role": "Social worker"},
    "/movement/practice/new/": lambda w: TEST_FIELDS,
    "/movement/practice/{practice_draft_id}/edit/": lambda w: {**TEST_FIELDS, "version": 0},
    "/movement/practice/{practice_draft_id}/check/": lambda w: CHECKLIST,
    "/movement/practice/{practice_test_id}/updates/new/": lambda w: {
        "body": "Week two.",
        "checklist": "on",
    },
    "/movement/practice/{practice_test_id}/finding/": lambda w: {
        "result": "helped",
        "reflection": "It helped.",
        "checklist": "on",
    },
    "/movement/practice/{practice_test_id}/put-forward/": lambda w: {
        "organisation": w.values["org_id"]
    },
    "/movement/practice/{practice_test_id}/replies/": lambda w: {
        "body": "Same here.",
        "checklist": "on",
    },
    "/movement/practice/{practice_test_id}/trying/finding/": lambda w: {
        "result": "unclear",
        "reflection": "Too early to say.",
        "checklist": "on",
    },
    "/movement/practice/{practice_test_id}/report/reply/{practice_reply_id}/": lambda w: {
        "reason": "It could identify a family."
    },
}
