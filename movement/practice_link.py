"""The Movement's link on an intervention's page in the evidence store: how many published
practice tests draw on it. One query. Registered in MovementConfig.ready()."""

from urllib.parse import urlencode

from django.urls import reverse

from evidence_store.models import Intervention
from evidence_store.practice_links import PracticeLink
from movement.models import PracticeTest

KEY = "movement_practice_tests"


def practice_tests_link(intervention: Intervention) -> PracticeLink | None:
    count = PracticeTest.objects.visible().filter(interventions=intervention).count()
    if not count:
        return None
    url = f"{reverse('movement:practice_list')}?{urlencode({'intervention': intervention.slug})}"
    tests = "practice test" if count == 1 else "practice tests"
    return PracticeLink(
        heading=f"Practitioners testing this in practice ({count})",
        text=f"Practitioners in the Movement for Evidence-Based Practice have shared {count} "
        f"{tests} drawing on {intervention.name}: what they tried, how they told whether it "
        "worked, and what they found.",
        link_text=f"Read the {tests}",
        url=url,
    )
