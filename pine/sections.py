"""The seven sections of the application form, in order: where each is, what it is called."""

from dataclasses import dataclass

from pine.forms import sections as forms


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form: type[forms.SectionForm]


SECTIONS = [
    Section("your-organisation", "Your organisation and contacts", forms.OrganisationSection),
    Section("the-practice", "The practice", forms.PracticeSection),
    Section("theory-of-change", "Theory of change", forms.TheoryOfChangeSection),
    Section("evidence-so-far", "Evidence so far", forms.EvidenceSection),
    Section("what-you-want-to-learn", "What you want to learn", forms.LearningSection),
    Section("capacity-and-commitment", "Capacity and commitment", forms.CapacitySection),
    Section("declarations", "Declarations", forms.DeclarationsSection),
]
BY_SLUG = {section.slug: section for section in SECTIONS}
# Answers that identify a person: left out of staff exports unless asked for.
CONTACT_FIELDS = {
    "your-organisation": ["contact_name", "contact_job_title", "contact_email", "contact_phone"],
    "capacity-and-commitment": ["sponsor_name", "sponsor_job_title"],
}
