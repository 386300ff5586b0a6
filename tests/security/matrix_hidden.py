"""The authorisation matrix's HIDDEN rows: what a page must not show to whom."""

# What pages must not show: words that belong to one private or unpublished thing (see PRIVATE in
# matrix_fixtures.py), the people who must not see them there, and those who do (showing that the
# words would be found if they leaked), where anyone does.
HIDDEN = """
# path                                            words                   hidden from                      shown to
/evidence/                                        {draft_name}            all                              -
/evidence/compare/?i={intervention}&i={draft}     {draft_name}            all                              -
/evidence/compare/comparison.csv?i={intervention}&i={draft}  {draft_name}  all                     -
/evidence/export/interventions.csv                {draft_name}            all                              -
/evidence/{draft}/as-of/{today}/                  {draft_name}            all                              -
/pine/evaluations/                                {unpublished_title}     all                              -
/pine/partners/{project}/                         {meeting_place}         all                              -
/pine/partners/{project}/                         {document_title}        all                              -
/accounts/profile/                                {org_name}              noorg,memB,edit,rev,mgr,super    memA,admA
# (noorg has been invited to A: the account home offers them the invitation)
/accounts/                                        {org_name}              memB,edit,rev,mgr,super          memA,admA,noorg
/accounts/                                        {application_title}     noorg,memB,edit,rev,mgr,super    memA,admA
# (the account home lists the person's own projects, even for staff who may see every one)
/accounts/                                        {project_title}         noorg,memB,edit,rev,mgr,super    memA,admA
# (finding an organisation to join shows its name, never who belongs to it)
/accounts/organisation/join/?name=Borealis        {member_name}           all                              -
/accounts/organisation/{org}/                     {asker_name}            memA                             admA
/pine/applications/                               {application_title}     noorg,memB,edit,rev,mgr,super    memA,admA
/pine/applications/{submitted}/                   {staff_note}            memA,admA                        -
/pine/projects/                                   {project_title}         noorg,memB,edit,rev              memA,admA,mgr,super
# (access needs are for event staff: the person sees their own, nobody else on the site does)
/movement/places/{place_token}/                   {access_needs}          anon,noorg,memB,admA,edit,rev,mgr,super  memA
/movement/events/{event}/                         {access_needs}          all                              -
/movement/events/{event}/register/                {access_needs}          all                              -
/accounts/                                        {access_needs}          all                              -
/movement/                                        {draft_event_title}     all                              -
/movement/events/                                 {draft_event_title}     all                              -
# (in the admin only event organisers and superusers see access needs, and on the sign-in
# sheet only when they ask for them)
/admin/movement/registration/{registration_id}/change/ {access_needs}     edit,rev,mgr                     super
/admin/movement/registration/                     {access_needs}          all                              -
/admin/movement/event/{movement_event_id}/sign-in-sheet/ {access_needs}   all                              -
/admin/movement/event/{movement_event_id}/sign-in-sheet/?include_needs=on {access_needs} edit,rev,mgr     super
# (reviewers score independently: they see no one else's review, score or average)
/admin/pine/review/                               {other_reviewer}        rev                              mgr,super
/admin/pine/application/{application_id}/change/  {other_review_comment}  rev                              mgr,super
/admin/pine/application/                          {other_reviews_average} rev                              mgr,super
"""
