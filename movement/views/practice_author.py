"""What the author does once a test is published: add dated updates, add what they found,
and put the test forward to PINE as a draft application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from movement.forms_practice import FindingForm, PutForwardForm, UpdateForm
from movement.services import ActionRefused
from movement.services.practice import finding_add, practice_update_add
from movement.services.practice_pine import practice_test_put_forward, put_forward_refusal
from movement.views.practice_lookups import POSTING, own_test, submitted
from movement.views.practice_post_form import PostPage, post_form_view

UPDATE_PAGE = PostPage(
    heading="Add an update",
    intro="Say how the test is going: what you have tried so far, and what you have noticed.",
    button="Post your update",
    description="Add a dated update to your practice test.",
)
FINDING_PAGE = PostPage(
    heading="Add what you found",
    intro="Once you add what you found, the test is finished and takes no more updates.",
    button="Post what you found",
    description="Add what you found when you tested your idea in practice.",
)


def _published_own_test(request: HttpRequest, pk: int):
    practice_test = own_test(request, pk)
    if not practice_test.is_visible:
        raise Http404("Only a published practice test takes updates and findings.")
    return practice_test


@login_required
def update_add(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _published_own_test(request, pk)
    return post_form_view(
        request, practice_test, UpdateForm(submitted(request)), UPDATE_PAGE,
        limit=POSTING, what="update",
        save=lambda answers: practice_update_add(
            practice_test=practice_test, user=request.user, body=answers["body"], checklist=True
        ),
    )  # fmt: skip


@login_required
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _published_own_test(request, pk)
    return post_form_view(
        request, practice_test, FindingForm(submitted(request)), FINDING_PAGE,
        limit=POSTING, what="finding",
        save=lambda answers: finding_add(
            practice_test=practice_test, user=request.user, result=answers["result"],
            reflection=answers["reflection"], checklist=True,
        ),
    )  # fmt: skip


@login_required
def practice_put_forward(request: HttpRequest, pk: int) -> HttpResponse:
    """What will happen, which organisation applies, then a draft application in PINE."""
    practice_test = own_test(request, pk)
    refusal = put_forward_refusal(practice_test, request.user)
    form = PutForwardForm(submitted(request), user=request.user)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            application = practice_test_put_forward(
                practice_test=practice_test,
                user=request.user,
                organisation=form.cleaned_data["organisation"],
            )
        except ActionRefused as why:
            refusal = str(why)
        else:
            messages.success(
                request,
                f"Your application {application.reference} has been started from your practice "
                "test. Check each section and complete it.",
            )
            return redirect(application)
    context = {"practice_test": practice_test, "form": form, "refusal": refusal}
    return render(request, "movement/practice/put_forward.html", context)
