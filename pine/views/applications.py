"""The applicant's pages: their applications, starting one, its task list, submitting, withdrawing."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import slug_re
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from accounts.models import Organisation
from pine.forms.applications import StartApplicationForm
from pine.models import Application, Call, Project
from pine.sections import SECTIONS
from pine.services import ActionRefused
from pine.services.applications import application_create
from pine.services.transitions import application_transition
from pine.workflow import BEFORE_DECISION, EDITABLE, applicant_transition
from pine.workflow.rules import choices, refusal


def _application(request: HttpRequest, reference: str) -> Application:
    """One of your organisations' applications; anyone else's gives 404."""
    return get_object_or_404(Application.objects.for_user(request.user), reference=reference)


def _sections(application: Application) -> list[dict]:
    saved = {row.section: row for row in application.answers.all()}
    return [
        {
            "section": section,
            "row": saved.get(section.slug),
            "progress": saved[section.slug].progress if section.slug in saved else "not_started",
            "summary": section.form.summary(
                saved[section.slug].answers if section.slug in saved else {}
            ),
        }
        for section in SECTIONS
    ]


def start_url(call: Call) -> str:
    """Where an application to this call is started, so sign-in and set-up can return there."""
    return f"{reverse('pine:application_create')}?{urlencode({'call': call.slug})}"


def is_with_us(application: Application) -> bool:
    """Sent, and waiting on the PINE team rather than on the applicant or a decision."""
    return application.status in BEFORE_DECISION and application.status not in EDITABLE


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    context = {
        "applications": Application.objects.for_user(request.user),
        "projects": Project.objects.filter(
            organisation__memberships__user=request.user
        ).select_related("organisation"),
        "open_calls": Call.objects.open().order_by("closes_at"),
    }
    return render(request, "pine/application_list.html", context)


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("call", "")
    if not slug:
        return redirect(reverse("pine:index") + "#open-calls")
    if not slug_re.match(slug):  # cannot name a call, and never reaches the database
        raise Http404
    call = get_object_or_404(Call, slug=slug)
    has_organisation = Organisation.objects.for_user(request.user).exists()
    form = StartApplicationForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    refused = "" if call.is_open else f"{call} is not open, so you cannot start an application."
    if request.method == "POST" and not refused and form.is_valid():
        try:
            application = application_create(
                call=call, organisation=form.cleaned_data["organisation"], user=request.user
            )
        except ActionRefused as why:
            refused = str(why)
        else:
            messages.success(request, f"Your application {application.reference} has been started.")
            return redirect(application)
    setup = f"{reverse('organisation_create')}?{urlencode({'next': start_url(call)})}"
    context = {
        "call": call,
        "form": form,
        "refusal": refused,
        "has_organisation": has_organisation,
        "organisation_setup_url": setup,
    }
    return render(request, "pine/application_create.html", context)


@login_required
def application_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _application(request, reference)
    context = {
        "application": application,
        "sections": _sections(application),
        "editable": application.status in EDITABLE,
        "events": application.events.visible_to_applicant().select_related("actor"),
        "can_withdraw": any(
            t.applicant_page == "withdraw" for t in choices(user=request.user, subject=application)
        ),
    }
    return render(request, "pine/application_detail.html", context)


@login_required
def application_submit(request: HttpRequest, reference: str) -> HttpResponse:
    """Check your answers, then send the application (or the more information asked for).

    "Accept and send" is offered only when sending would succeed; otherwise the page says what
    stands in the way. The service still refuses a send that arrives anyway.
    """
    application = _application(request, reference)
    sending = applicant_transition(application.status, "submit")
    error = ""
    if request.method == "POST":
        try:
            application_transition(
                application=application,
                transition=sending.name,
                user=request.user,
                seen_status=request.POST.get("seen_status", ""),
            )
        except ActionRefused as refused:
            error = str(refused)
        else:
            return redirect("pine:application_sent", reference=application.reference)
    sections = _sections(application)
    editable = application.status in EDITABLE
    incomplete = [item for item in sections if item["progress"] != "completed"] if editable else []
    # Anything else in the way (a closed call, say), in the words the service would refuse with.
    blocked = (
        ""
        if incomplete or not editable
        else refusal(user=request.user, subject=application, transition=sending.name)
    )
    context = {
        "application": application,
        "sections": sections,
        "editable": editable,
        "incomplete": incomplete,
        "completed_count": len(sections) - len(incomplete),
        "blocked": blocked or "",
        "error": error,
    }
    return render(request, "pine/application_submit.html", context)


@login_required
@require_GET
def application_sent(request: HttpRequest, reference: str) -> HttpResponse:
    """The confirmation after sending: the reference, what happens next and when they will hear."""
    application = _application(request, reference)
    if not is_with_us(application):
        return redirect(application)
    return render(request, "pine/application_sent.html", {"application": application})


@login_required
def application_withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    application = _application(request, reference)
    error = ""
    if request.method == "POST":
        try:
            application_transition(
                application=application,
                transition=applicant_transition(application.status, "withdraw").name,
                user=request.user,
                seen_status=request.POST.get("seen_status", ""),
            )
        except ActionRefused as refused:
            error = str(refused)
        else:
            messages.success(
                request, f"Your application {application.reference} has been withdrawn."
            )
            return redirect(application)
    context = {"application": application, "error": error}
    return render(request, "pine/application_withdraw.html", context)
