"""An Atom feed of the findings newly published in the practice network: each author's "what
we found" and those of the people trying their idea, newest first.

Every link is built on SITE_URL. Django's feeds otherwise add the request's host to a path, so
a forged Host header would put another site's address in the feed.
"""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.links import absolute_url
from movement.models import Finding, PracticeTest, Trial
from movement.templatetags.practice import author_label

ITEMS = 30
# XML 1.0 cannot carry these control characters, which a post may hold: they are left out.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    return NOT_IN_XML.sub("", text)


class FindingsFeed(Feed):
    feed_type = Atom1Feed
    title = "Practice network: new findings"
    subtitle = (
        "What practitioners in the Movement for Evidence-Based Practice found when they tested "
        "an idea in their own practice."
    )

    def link(self) -> str:
        return absolute_url(reverse("movement:practice_list"))

    def feed_url(self) -> str:
        return absolute_url(reverse("movement:practice_feed"))

    def items(self) -> list:
        related = ("practice_test", "author__movement_member__organisation")
        published = PracticeTest.objects.visible()
        findings = Finding.objects.visible().filter(practice_test__in=published)
        trials = Trial.objects.visible().exclude(result="").filter(practice_test__in=published)
        newest = [
            *findings.select_related(*related).order_by("-published_at")[:ITEMS],
            *trials.select_related(*related).order_by("-published_at")[:ITEMS],
        ]
        return sorted(newest, key=lambda item: item.published_at, reverse=True)[:ITEMS]

    def item_title(self, item) -> str:
        return _xml_text(f"{item.practice_test.title}: {item.get_result_display()}")

    def item_description(self, item) -> str:
        return _xml_text(item.reflection)

    def item_link(self, item) -> str:
        anchor = "finding" if isinstance(item, Finding) else f"trial-{item.pk}"
        return absolute_url(f"{item.practice_test.get_absolute_url()}#{anchor}")

    def item_guid(self, item) -> str:
        return self.item_link(item)

    def item_author_name(self, item) -> str:
        return _xml_text(author_label(item.author))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


practice_feed = FindingsFeed()
