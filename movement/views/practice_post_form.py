"""The page every small post is written on (an update, a finding, a reply, a report): one form
under the test's title, with the GOV.UK error summary when something needs changing."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from movement.models import PracticeTest
from movement.models.moderation import Post
from movement.services import ActionRefused
from movement.templatetags.practice import reasons_in_words
from movement.views.practice_lookups import over_the_limit


@dataclass(frozen=True)
class PostPage:
    heading: str
    intro: str
    button: str
    description: str


def post_form_page(
    request: HttpRequest,
    practice_test: PracticeTest,
    form: forms.Form,
    page: PostPage,
    *,
    error: str = "",
    quoted: str = "",
) -> HttpResponse:
    """`quoted` is the post being reported, shown so the person knows which one it is."""
    context = {
        "practice_test": practice_test,
        "form": form,
        "page": page,
        "error": error,
        "quoted": quoted,
    }
    return render(request, "movement/practice/post_form.html", context)


def posted_response(request: HttpRequest, post, what: str) -> HttpResponse:
    """Back to the test, saying whether the post is published or waits for a moderator."""
    if post.is_visible:
        messages.success(request, f"Your {what} has been published.")
    else:
        messages.info(
            request,
            f"Your {what} is waiting for a moderator, because {reasons_in_words(post.held_because)}. We will "
            "email you when they have looked at it.",
        )
    return redirect(post.practice_test)


def post_form_view(
    request: HttpRequest,
    practice_test: PracticeTest,
    form: forms.Form,
    page: PostPage,
    *,
    limit: str,
    what: str,
    save: Callable[[dict], Post],
) -> HttpResponse:
    """The form; on a valid POST within the person's rate `limit`, `save(cleaned_data)` makes
    the post through its service, and the person goes back to the test told what became of it.
    A refusal is shown in the error summary, with what they wrote kept."""
    error = ""
    if request.method == "POST" and form.is_valid():
        if refused := over_the_limit(request, limit):
            return refused
        try:
            post = save(form.cleaned_data)
        except ActionRefused as why:
            error = str(why)
        else:
            return posted_response(request, post, what)
    return post_form_page(request, practice_test, form, page, error=error)
