"""Taking part in someone's test: replying, "I'm trying this too" and what you found,
following it, and reporting a post for a moderator to look at."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from movement.forms_practice import FindingForm, ReplyForm, ReportForm
from movement.models import Follow, ModerationStep, PracticeTest, Trial
from movement.services import ActionRefused
from movement.services import practice as services
from movement.services.moderation import MODEL_OF, post_report
from movement.views.practice_lookups import (
    POSTING,
    REPLYING,
    is_member,
    submitted,
)
from movement.views.practice_lookups import visible_test as _visible_test
from movement.views.practice_post_form import PostPage, post_form_page, post_form_view

REPLY_PAGE = PostPage(
    heading="Reply",
    intro="Share your own experience of the idea, or a question or critique. Replies are not "
    "threaded: write to the test as a whole.",
    button="Post your reply",
    description="Reply to a practice test with your own experience or a critique.",
)
TRIAL_FINDING_PAGE = PostPage(
    heading="Add what you found when you tried it",
    intro="Others can read what you found next to the author's own finding.",
    button="Post what you found",
    description="Add what you found when you tried someone's idea in your own practice.",
)
REPORT_PAGE = PostPage(
    heading="Report this post",
    intro="A moderator will read it and decide whether to hide it. The author is not told who "
    "reported it.",
    button="Send the report",
    description="Report a post in the practice network to a moderator.",
)


def _member_first(request: HttpRequest, practice_test: PracticeTest) -> HttpResponse:
    query = urlencode({"next": practice_test.get_absolute_url()})
    return redirect(f"{reverse('movement:member_edit')}?{query}")


@login_required
def reply_create(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _visible_test(pk)
    if not is_member(request):
        return _member_first(request, practice_test)
    return post_form_view(
        request, practice_test, ReplyForm(submitted(request)), REPLY_PAGE,
        limit=REPLYING, what="reply",
        save=lambda answers: services.reply_add(
            practice_test=practice_test, user=request.user, body=answers["body"], checklist=True
        ),
    )  # fmt: skip


@login_required
@require_POST
def trial_create(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _visible_test(pk)
    if not is_member(request):
        return _member_first(request, practice_test)
    try:
        services.trial_start(practice_test=practice_test, user=request.user)
    except ActionRefused as why:
        messages.info(request, str(why))
    else:
        messages.success(
            request,
            "You are trying this too. You will be emailed when the author adds an update or a "
            "finding, and you can add what you found here.",
        )
    return redirect(practice_test)


@login_required
def trial_finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _visible_test(pk)
    trial = get_object_or_404(Trial, practice_test=practice_test, author=request.user)
    return post_form_view(
        request, practice_test, FindingForm(submitted(request)), TRIAL_FINDING_PAGE,
        limit=POSTING, what="finding",
        save=lambda answers: services.trial_finding_add(
            trial=trial, user=request.user, result=answers["result"],
            reflection=answers["reflection"], checklist=True,
        ),
    )  # fmt: skip


@login_required
@require_POST
def follow_create(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _visible_test(pk)
    try:
        services.follow(practice_test=practice_test, user=request.user)
    except ActionRefused as why:
        messages.info(request, str(why))
    else:
        messages.success(
            request, "You are following this test. We will email you its updates and findings."
        )
    return redirect(practice_test)


@login_required
@require_POST
def follow_delete(request: HttpRequest, pk: int) -> HttpResponse:
    practice_test = _visible_test(pk)
    found = Follow.objects.filter(practice_test=practice_test, user=request.user).first()
    if found is not None:
        services.unfollow(token=found.token)
    messages.success(request, f"You are no longer following {practice_test.title}.")
    return redirect(practice_test)


def _reported_post(practice_test: PracticeTest, kind: str, post_id: int):
    """A published post of this test; a kind that is not one, or another test's post, is 404."""
    if kind not in ModerationStep.Kind.values:
        raise Http404("No such kind of post.")
    if kind == ModerationStep.Kind.TEST:
        if post_id != practice_test.pk:
            raise Http404("Not this practice test.")
        return practice_test
    posts = MODEL_OF[kind].objects.visible().filter(practice_test=practice_test)
    if kind == ModerationStep.Kind.TRIAL:
        posts = posts.exclude(result="")  # only a trial's finding says anything to report
    return get_object_or_404(posts, pk=post_id)


def _quoted(post) -> str:
    if isinstance(post, PracticeTest):
        return post.title
    return getattr(post, "body", "") or getattr(post, "reflection", "")


@login_required
def report_create(request: HttpRequest, pk: int, kind: str, post_id: int) -> HttpResponse:
    practice_test = _visible_test(pk)
    post = _reported_post(practice_test, kind, post_id)
    form = ReportForm(submitted(request))
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            post_report(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except ActionRefused as why:
            error = str(why)
        else:
            messages.success(request, "Thank you. A moderator will look at the post you reported.")
            return redirect(practice_test)
    return post_form_page(
        request, practice_test, form, REPORT_PAGE, error=error, quoted=_quoted(post)
    )
