"""Posting a practice test: how the person appears, the structured form saved as a draft,
then check your answers and the checklist before it is posted."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from core.refusals import Conflict
from movement.forms_practice import MemberForm, PostChecklistForm, PracticeTestForm
from movement.models import Member, PracticeTest
from movement.services import ActionRefused
from movement.services.practice import TEST_FIELDS, member_save, practice_test_post
from movement.services.practice import practice_test_save as save_draft
from movement.views.practice_lookups import (
    POSTING,
    State,
    is_member,
    over_the_limit,
    own_test,
    submitted,
)

EDITABLE = (State.DRAFT, State.REFUSED)


def _next_url(request: HttpRequest) -> str:
    """Where to go once the profile is saved: a page on this site, or the new test form."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts=None) and wanted.startswith("/"):
        return wanted
    return reverse("movement:practice_create")


@login_required
def member_edit(request: HttpRequest) -> HttpResponse:
    member = Member.objects.filter(user=request.user).first()
    initial = (
        {
            "display_name": member.display_name,
            "role": member.role,
            "organisation": member.organisation_id,
            "show_organisation": member.show_organisation,
        }
        if member
        else {"role": request.user.job_title}
    )
    form = MemberForm(submitted(request), initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            member_save(user=request.user, **form.cleaned_data)
        except ActionRefused as why:
            form.add_error("organisation" if "organisation" in form.fields else None, str(why))
        else:
            messages.success(request, "How you appear in the practice network has been saved.")
            return redirect(_next_url(request))
    context = {"form": form, "member": member, "next": _next_url(request)}
    return render(request, "movement/practice/member_edit.html", context)


def _member_first(request: HttpRequest) -> HttpResponse:
    here = request.get_full_path()
    return redirect(f"{reverse('movement:member_edit')}?{urlencode({'next': here})}")


def _test_form(request: HttpRequest, practice_test: PracticeTest | None) -> HttpResponse:
    initial = None
    if practice_test is not None:
        initial = {name: getattr(practice_test, name) for name in TEST_FIELDS} | {
            "interventions": practice_test.interventions.all(),
            "outcomes": practice_test.outcomes.all(),
            "topics": practice_test.topics.all(),
        }
    form = PracticeTestForm(submitted(request), initial=initial)
    seen = request.POST.get("version", practice_test.version if practice_test else "")
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_draft(
                user=request.user,
                practice_test=practice_test,
                seen_version=_version(seen) if practice_test else None,
                **form.fields_for_service(),
            )
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        except ActionRefused as why:
            messages.info(request, str(why))
            return redirect(practice_test)
        else:
            return redirect("movement:practice_check", pk=saved.pk)
    context = {"form": form, "practice_test": practice_test, "version": seen}
    return render(request, "movement/practice/test_form.html", context)


def _version(seen) -> int:
    try:
        return int(seen)
    except (TypeError, ValueError):
        return -1  # a tampered form: treated as out of date, so nothing is overwritten


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    if not is_member(request):
        return _member_first(request)
    return _test_form(request, None)


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = own_test(request, pk)
    if practice_test.state not in EDITABLE:
        messages.info(
            request,
            "This practice test has been posted, so it can no longer be changed. Add an update "
            "instead.",
        )
        return redirect(practice_test)
    return _test_form(request, practice_test)


@login_required
def practice_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers and confirm the checklist, then post: published or held."""
    practice_test = own_test(request, pk)
    if practice_test.state != State.DRAFT:
        return redirect(practice_test)
    if not is_member(request):
        return _member_first(request)
    form = PostChecklistForm(submitted(request))
    error = ""
    if request.method == "POST" and form.is_valid():
        if refused := over_the_limit(request, POSTING):
            return refused
        try:
            posted = practice_test_post(
                practice_test=practice_test, user=request.user, checklist=True
            )
        except ActionRefused as why:
            error = str(why)
        else:
            if posted.is_visible:
                messages.success(request, "Your practice test has been published.")
            return redirect(posted)
    context = {
        "practice_test": practice_test,
        "form": form,
        "error": error,
        "interventions": practice_test.interventions.published().order_by("name"),
        "outcomes": practice_test.outcomes.order_by("name"),
        "topics": practice_test.topics.order_by("name"),
    }
    return render(request, "movement/practice/check.html", context)
