"""The authorisation matrix's GET rows for the practice network, /movement/practice/.

The notation is explained in test_access_matrix.py. The objects are made by
matrix_fixtures_practice.py: member A wrote the test and the draft; member B replied to the
test and is trying it. Only members A and B have a practice network profile, so anyone else
who starts posting or replying is first sent to make one (302).
"""

GET_PRACTICE = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# The practice network (public)
/movement/practice/                                                              200   200   200   200   200   200   200   200   200
# (a filter value that is not one of the choices is explained on the page and left out)
/movement/practice/?finding=nope&topic=nope                                      200   200   200   200   200   200   200   200   200
/movement/practice/feed/                                                         200   200   200   200   200   200   200   200   200
/movement/practice/{practice_test_id}/                                           200   200   200   200   200   200   200   200   200
# (a draft is its author's alone)
/movement/practice/{practice_draft_id}/                                          404   404   200   404   404   404   404   404   404
/movement/practice/999999/                                                       404   404   404   404   404   404   404   404   404

# Posting (signed in; without a profile, sent to make one first)
/movement/practice/profile/                                                      login 200   200   200   200   200   200   200   200
/movement/practice/new/                                                          login 302   200   200   302   302   302   302   302
/movement/practice/{practice_draft_id}/edit/                                     login 404   200   404   404   404   404   404   404
# (a posted test can no longer be changed: its author is sent back to it)
/movement/practice/{practice_test_id}/edit/                                      login 404   302   404   404   404   404   404   404
/movement/practice/{practice_draft_id}/check/                                    login 404   200   404   404   404   404   404   404
/movement/practice/{practice_test_id}/check/                                     login 404   302   404   404   404   404   404   404

# The author's updates, finding and putting forward to PINE
/movement/practice/{practice_test_id}/updates/new/                               login 404   200   404   404   404   404   404   404
/movement/practice/{practice_test_id}/finding/                                   login 404   200   404   404   404   404   404   404
/movement/practice/{practice_test_id}/put-forward/                               login 404   200   404   404   404   404   404   404
/movement/practice/{practice_draft_id}/updates/new/                              login 404   404   404   404   404   404   404   404

# Taking part
/movement/practice/{practice_test_id}/replies/                                   login 302   200   200   302   302   302   302   302
/movement/practice/{practice_draft_id}/replies/                                  login 404   404   404   404   404   404   404   404
# (POST only: see the POST table)
/movement/practice/{practice_test_id}/trying/                                    login 405   405   405   405   405   405   405   405
/movement/practice/{practice_test_id}/follow/                                    login 405   405   405   405   405   405   405   405
/movement/practice/{practice_test_id}/unfollow/                                  login 405   405   405   405   405   405   405   405
# (only the person trying it adds what they found)
/movement/practice/{practice_test_id}/trying/finding/                            login 404   404   200   404   404   404   404   404
/movement/practice/{practice_test_id}/report/reply/{practice_reply_id}/          login 200   200   200   200   200   200   200   200
/movement/practice/{practice_test_id}/report/test/{practice_test_id}/            login 200   200   200   200   200   200   200   200
# (not a kind of post, a post of another test, or a test nobody else can see)
/movement/practice/{practice_test_id}/report/nonsense/{practice_reply_id}/       login 404   404   404   404   404   404   404   404
/movement/practice/{practice_draft_id}/report/reply/{practice_reply_id}/         login 404   404   404   404   404   404   404   404
/movement/practice/{practice_test_id}/report/test/{practice_draft_id}/           login 404   404   404   404   404   404   404   404

# Unfollowing from an email's link: no sign-in; an unknown link says you are not following
/movement/practice/unfollow/{practice_follow_token}/                             200   200   200   200   200   200   200   200   200
/movement/practice/unfollow/00000000-0000-4000-8000-000000000000/                200   200   200   200   200   200   200   200   200
"""

# What the practice network's pages must not show (see PRIVATE_PRACTICE in
# matrix_fixtures_practice.py): a draft anywhere but to its author, and the author's email.
HIDDEN_PRACTICE = """
# path                                            words                   hidden from                      shown to
/movement/practice/                               {practice_draft_title}  all                              -
/movement/practice/?q=Tamarind                    {practice_draft_title}  all                              -
/movement/practice/feed/                          {practice_draft_title}  all                              -
/movement/practice/{practice_draft_id}/           {practice_draft_title}  anon,noorg,memB,admA,edit,rev,mgr,super  memA
/movement/practice/{practice_test_id}/            {practice_author_email}  anon,noorg,memB,admA,edit,rev,mgr,super  -
"""
