"""A practitioner searches, filters, reads an intervention and compares two, by keyboard and mouse."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_practitioner_searches_filters_reads_and_compares(page, assert_accessible, demo):
    page.goto("/evidence/")
    assert_accessible(page)

    page.get_by_label("Search interventions").fill("parenting")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Mellow Parenting")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Parenting", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**topic=parenting**")
    assert "q=parenting" in page.url
    assert_accessible(page)

    page.get_by_role("link", name="Mellow Parenting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mellow Parenting")
    expect(page.get_by_role("heading", name="Evaluated outcomes")).to_be_visible()
    assert_accessible(page)

    page.goto("/evidence/")
    page.get_by_label("Compare Kinship care").check()
    page.get_by_label("Compare Treatment foster care").check()
    page.get_by_role("button", name="Compare selected interventions").click()
    page.wait_for_url("**/compare/**")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Kinship care")
    expect(table).to_contain_text("Treatment foster care")
    assert_accessible(page)
    assert page.console_errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/evidence/?q=zzzzqqqq",
        "/evidence/?topic=not-a-topic",
        "/evidence/compare/?i=kinship-care",
        "/evidence/compare/?i=no-such-thing&i=other",
        "/evidence/ratings/",
        "/evidence/data/",
        "/evidence/signs-of-safety/",
    ],
)
def test_evidence_page_has_no_accessibility_violations(page, assert_accessible, demo, path):
    page.goto(path)
    assert_accessible(page)
    assert page.console_errors == []


def test_search_and_filter_work_by_keyboard_alone(page, demo):
    page.goto("/evidence/")
    page.get_by_label("Search interventions").focus()
    page.keyboard.type("courts")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=courts**")
    expect(page.get_by_role("link", name="Family drug and alcohol courts")).to_be_visible()
    page.get_by_label("Child sexual abuse").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**topic=child-sexual-abuse**")
    expect(page.get_by_text("No interventions match your search")).to_be_visible()


# The gap between each Markdown block's last line and the heading after it, in CSS pixels: the
# next heading in its section, or the next section's heading.
GAPS_AFTER_PROSE = """() => {
  const pairs = [];
  for (const prose of document.querySelectorAll('main .app-prose')) {
    let next = prose.nextElementSibling;
    if (!next && prose.parentElement.tagName === 'SECTION') {
      next = prose.parentElement.nextElementSibling?.firstElementChild;
    }
    if (next && /^H[2-4]$/.test(next.tagName)) pairs.push([prose, next]);
  }
  return pairs.map(([prose, h]) => {
    const text = prose.lastElementChild || prose;
    const top = h.getBoundingClientRect().top + parseFloat(getComputedStyle(h).paddingTop);
    return {heading: h.textContent.trim(), gap: top - text.getBoundingClientRect().bottom};
  });
}"""


@pytest.mark.parametrize("width", [1280, 320])
def test_headings_after_markdown_text_have_gov_uk_spacing(page, demo, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/evidence/mellow-parenting/")
    gaps = page.evaluate(GAPS_AFTER_PROSE)
    assert len(gaps) >= 3
    # As after a GOV.UK paragraph: its 15px (20px from tablet) margin plus the heading's padding.
    tight = [g for g in gaps if g["gap"] < (20 if width == 320 else 30)]
    assert tight == []
