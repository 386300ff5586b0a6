"""The authorisation matrix's GET rows for the admin's PINE pages.

The notation is explained in test_access_matrix.py, which joins this table with the others.
"""

GET_ADMIN_PINE = """
# path                                                                           anon  noorg memA  memB  admA  edit  rev   mgr   super

# Admin: the programme managers' portfolio
/admin/pine/portfolio/                                                           admin admin admin admin admin 403   403   200   200

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
# (what staff see of a report before it is published)
/admin/pine/evaluationreport/{unpublished_id}/preview/                           admin admin admin admin admin 403   200   200   200

# Admin: pine.projectevent
/admin/pine/projectevent/                                                        admin admin admin admin admin 403   403   200   200
/admin/pine/projectevent/add/                                                    admin admin admin admin admin 403   403   403   403
/admin/pine/projectevent/{project_event_id}/change/                              admin admin admin admin admin 403   403   200   200
/admin/pine/projectevent/{project_event_id}/history/                             admin admin admin admin admin 403   403   200   200
/admin/pine/projectevent/{project_event_id}/delete/                              admin admin admin admin admin 403   403   403   403
# (the old change URL: redirects)
/admin/pine/projectevent/{project_event_id}/                                     admin admin admin admin admin 302   302   302   302
"""
