"""A person's own places: registering for an event, their place's page and calendar file,
accepting an offered place, and cancelling.

Every place is looked up through `Registration.objects.for_user`: anyone else's gives 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from movement.availability import availability
from movement.calendar import event_calendar
from movement.forms import RegistrationForm
from movement.models import Event, Registration
from movement.services import ActionRefused
from movement.services.places import waiting_position
from movement.services.registrations import (
    offer_accept as accept_offer,
)
from movement.services.registrations import (
    offer_refusal,
    registration_cancel,
    registration_create,
    registration_refusal,
)
from movement.views.public import your_place

Status = Registration.Status
# The session key naming the place just taken, so its page opens with the confirmation panel.
JUST_REGISTERED = "movement_just_registered"
CANCELLABLE = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)


def _place(request: HttpRequest, token) -> Registration:
    """One of the person's own places; anyone else's gives 404."""
    return get_object_or_404(Registration.objects.for_user(request.user), token=token)


def _confirm_next(request: HttpRequest, registration: Registration) -> HttpResponse:
    request.session[JUST_REGISTERED] = str(registration.token)
    return redirect("movement:place_detail", token=registration.token)


@login_required
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().with_places(), slug=slug)
    refusal = registration_refusal(event, request.user)
    form = RegistrationForm(request.POST if request.method == "POST" else None, user=request.user)
    error = ""
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            registration = registration_create(
                event=event, user=request.user, **form.registration_fields()
            )
        except ActionRefused as why:
            error = str(why)
        else:
            return _confirm_next(request, registration)
    context = {
        "event": event,
        "places": availability(event),
        "form": form,
        "refusal": refusal,
        "error": error,
        "place": your_place(request, event) if refusal else None,
    }
    return render(request, "movement/event_register.html", context)


@login_required
@require_safe
def place_detail(request: HttpRequest, token) -> HttpResponse:
    place = _place(request, token)
    place.position = waiting_position(place)
    just_registered = request.session.pop(JUST_REGISTERED, None) == str(place.token)
    context = {
        "place": place,
        "event": place.event,
        "just_registered": just_registered,
        "can_cancel": place.status in CANCELLABLE and not place.event.has_finished,
    }
    return render(request, "movement/place_detail.html", context)


@login_required
@require_safe
def place_calendar(request: HttpRequest, token) -> HttpResponse:
    """The event as a calendar file, for a confirmed place only."""
    place = _place(request, token)
    if place.status != Status.CONFIRMED:
        raise Http404("Only a confirmed place has a calendar file.")
    response = HttpResponse(
        event_calendar(place.event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{place.event.slug}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def offer_accept(request: HttpRequest, token) -> HttpResponse:
    """The offer and its deadline, with a button; or, once it cannot be taken, what happened."""
    place = _place(request, token)
    refusal = offer_refusal(place)
    # Even a refused offer goes to the service: an expired one passes its place on at once.
    if request.method == "POST":
        try:
            place = accept_offer(registration=place)
        except ActionRefused as why:
            refusal = str(why)
            place = _place(request, token)  # an expired offer has passed on meanwhile
        else:
            return _confirm_next(request, place)
    context = {"place": place, "event": place.event, "refusal": refusal}
    return render(request, "movement/offer_accept.html", context)


def _cancelled_message(place: Registration, was: str) -> str:
    if was == Status.WAITING:
        return f"You have left the waiting list for {place.event}."
    if was == Status.OFFERED:
        return (
            f"You have declined the place at {place.event}. It will be offered to the next "
            "person on the waiting list."
        )
    return (
        f"Your place at {place.event} has been cancelled. It will be offered to the next person "
        "on the waiting list."
    )


@login_required
def place_cancel(request: HttpRequest, token) -> HttpResponse:
    """Are you sure? Then give up the place, the offer or the place in line."""
    place = _place(request, token)
    refusal = ""
    if place.status not in CANCELLABLE or place.event.has_finished:
        refusal = _why_not_cancellable(place)
    if request.method == "POST" and not refusal:
        was = place.status
        try:
            registration_cancel(registration=place)
        except ActionRefused as why:
            refusal = str(why)
            place = _place(request, token)
        else:
            messages.success(request, _cancelled_message(place, was))
            return redirect("account_home")
    context = {"place": place, "event": place.event, "refusal": refusal}
    return render(request, "movement/place_cancel.html", context)


def _why_not_cancellable(place: Registration) -> str:
    if place.status == Status.CANCELLED:
        return "This place has already been cancelled."
    return "This event has finished, so the place cannot be cancelled."
