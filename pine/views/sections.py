"""One section of an application: save it for later, or mark it as complete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pine.models import SectionAnswer
from pine.sections import BY_SLUG, SECTIONS
from pine.services import ActionRefused
from pine.services.applications import SectionConflict, section_save
from pine.views.applications import _application
from pine.workflow import EDITABLE


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1  # a tampered form: treated as out of date, so nothing is overwritten


@login_required
def section_edit(request: HttpRequest, reference: str, section: str) -> HttpResponse:
    application = _application(request, reference)
    if section not in BY_SLUG:
        raise Http404("No such section.")
    spec = BY_SLUG[section]
    if application.status not in EDITABLE:
        messages.info(
            request, "This application has been sent to us, so its answers cannot be changed now."
        )
        return redirect(application)
    row = SectionAnswer.objects.filter(application=application, section=section).first()
    version = row.version if row else 0
    complete = request.POST.get("action") == "complete"
    form = spec.form(
        request.POST or None,
        initial=row.answers if row else None,
        complete=complete,
        application=application,
    )
    theirs = None
    if request.method == "POST" and form.is_valid():
        try:
            section_save(
                application=application,
                section=section,
                answers=form.answers(),
                complete=complete,
                user=request.user,
                version=_version(request),
            )
        except SectionConflict as conflict:
            theirs = spec.form.summary(conflict.current.answers)
            version = conflict.current.version
            form.add_error(None, str(conflict))
        except ActionRefused as refused:
            messages.info(request, str(refused))
            return redirect(application)
        else:
            done = "completed" if complete else "saved. You can come back to it later"
            messages.success(request, f"{spec.title} {done}.")
            return redirect(application)
    elif request.method == "POST":
        version = _version(request)  # keep the version they started from, to catch conflicts
    context = {
        "application": application,
        "section": spec,
        "number": SECTIONS.index(spec) + 1,
        "form": form,
        "version": version,
        "theirs": theirs,
    }
    return render(request, "pine/section_edit.html", context)
