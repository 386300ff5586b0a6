"""PINE's template filters."""

from pine.templatetags.pine import applicant_label


def test_applicant_label_of_a_transition():
    assert applicant_label("decline") == "Application not accepted"
    assert applicant_label("no-such-thing") == ""
