"""The authorisation matrix's GET rows for the admin's Movement pages: only event organisers
(and superusers) may open them, so the other staff groups are refused every one.

The notation is explained in test_access_matrix.py, which joins this table with the others.
"""

GET_ADMIN_MOVEMENT = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# Admin: the Movement's start page (other staff have nothing in it)
/admin/movement/                                                                 admin admin admin admin admin 404   404   404   200

# Admin: movement.event
/admin/movement/event/                                                           admin admin admin admin admin 403   403   403   200
/admin/movement/event/add/                                                       admin admin admin admin admin 403   403   403   200
/admin/movement/event/{movement_event_id}/change/                                admin admin admin admin admin 403   403   403   200
/admin/movement/event/{movement_event_id}/history/                               admin admin admin admin admin 403   403   403   200
# (its registrations protect it: the page says so, and deletes nothing)
/admin/movement/event/{movement_event_id}/delete/                                admin admin admin admin admin 403   403   403   200
# (the old change URL: redirects)
/admin/movement/event/{movement_event_id}/                                       admin admin admin admin admin 302   302   302   302
/admin/movement/event/{movement_event_id}/attendees/                             admin admin admin admin admin 403   403   403   200
/admin/movement/event/{movement_event_id}/sign-in-sheet/                         admin admin admin admin admin 403   403   403   200
/admin/movement/event/{movement_event_id}/sign-in-sheet/?include_needs=on        admin admin admin admin admin 403   403   403   200
/admin/movement/event/{movement_event_id}/attendance/                            admin admin admin admin admin 403   403   403   200
/admin/movement/event/{movement_event_id}/message/                               admin admin admin admin admin 403   403   403   200
/admin/movement/event/{draft_event_id}/attendees/                                admin admin admin admin admin 403   403   403   200
# (no such event)
/admin/movement/event/999999999/attendees/                                       admin admin admin admin admin 403   403   403   404

# Admin: movement.registration (people register themselves: nobody adds, edits or deletes one)
/admin/movement/registration/                                                    admin admin admin admin admin 403   403   403   200
/admin/movement/registration/?event__id__exact={movement_event_id}               admin admin admin admin admin 403   403   403   200
/admin/movement/registration/add/                                                admin admin admin admin admin 403   403   403   403
/admin/movement/registration/{registration_id}/change/                           admin admin admin admin admin 403   403   403   200
/admin/movement/registration/{registration_id}/history/                          admin admin admin admin admin 403   403   403   200
/admin/movement/registration/{registration_id}/delete/                           admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/movement/registration/{registration_id}/                                  admin admin admin admin admin 302   302   302   302
# (filtering by needs would tell who has which: refused)
/admin/movement/registration/?access_needs__icontains=a                          admin admin admin admin admin 403   403   403   400

# Admin: movement.attendeeexport (the log of attendee lists: a record)
/admin/movement/attendeeexport/                                                  admin admin admin admin admin 403   403   403   200
/admin/movement/attendeeexport/add/                                              admin admin admin admin admin 403   403   403   403
# (no such download: sent to the admin's start page, and from its history page before the
# permission is asked)
/admin/movement/attendeeexport/999999999/change/                                 admin admin admin admin admin 403   403   403   302
/admin/movement/attendeeexport/999999999/history/                                admin admin admin admin admin 302   302   302   302
/admin/movement/attendeeexport/999999999/delete/                                 admin admin admin admin admin 403   403   403   403
/admin/movement/attendeeexport/999999999/                                        admin admin admin admin admin 302   302   302   302

# Admin: movement.eventmessage (messages sent: a record; a new one is written on its event's page)
/admin/movement/eventmessage/                                                    admin admin admin admin admin 403   403   403   200
/admin/movement/eventmessage/add/                                                admin admin admin admin admin 403   403   403   403
# (no such message: sent to the admin's start page, and from its history page before the
# permission is asked)
/admin/movement/eventmessage/999999999/change/                                   admin admin admin admin admin 403   403   403   302
/admin/movement/eventmessage/999999999/history/                                  admin admin admin admin admin 302   302   302   302
/admin/movement/eventmessage/999999999/delete/                                   admin admin admin admin admin 403   403   403   403
/admin/movement/eventmessage/999999999/                                          admin admin admin admin admin 302   302   302   302

# Admin: the practice network (moderators and superusers only; nobody changes a post's words)
/admin/movement/practicetest/                                                    admin admin admin admin admin 403   403   403   200
/admin/movement/practicetest/add/                                                admin admin admin admin admin 403   403   403   403
/admin/movement/practicetest/{practice_test_id}/change/                          admin admin admin admin admin 403   403   403   200
/admin/movement/practicetest/{practice_test_id}/history/                         admin admin admin admin admin 403   403   403   200
/admin/movement/practicetest/{practice_test_id}/delete/                          admin admin admin admin admin 403   403   403   403
/admin/movement/practicetest/{practice_test_id}/                                 admin admin admin admin admin 302   302   302   302
/admin/movement/practicetest/moderation/                                         admin admin admin admin admin 403   403   403   200
/admin/movement/practicetest/moderation/hidden/                                  admin admin admin admin admin 403   403   403   200
/admin/movement/practicetest/moderation/reply/{practice_held_reply_id}/approve/  admin admin admin admin admin 403   403   403   200
/admin/movement/practicetest/moderation/reply/{practice_held_reply_id}/refuse/   admin admin admin admin admin 403   403   403   200
# (no such kind of post, or step)
/admin/movement/practicetest/moderation/nope/{practice_held_reply_id}/approve/   admin admin admin admin admin 403   403   403   404
/admin/movement/practicetest/moderation/reply/{practice_held_reply_id}/nope/     admin admin admin admin admin 403   403   403   404
/admin/movement/moderationstep/                                                  admin admin admin admin admin 403   403   403   200
/admin/movement/moderationstep/add/                                              admin admin admin admin admin 403   403   403   403
/admin/movement/moderationstep/{moderation_step_id}/change/                      admin admin admin admin admin 403   403   403   200
/admin/movement/moderationstep/{moderation_step_id}/history/                     admin admin admin admin admin 403   403   403   200
/admin/movement/moderationstep/{moderation_step_id}/delete/                      admin admin admin admin admin 403   403   403   403
/admin/movement/moderationstep/{moderation_step_id}/                             admin admin admin admin admin 302   302   302   302
"""
