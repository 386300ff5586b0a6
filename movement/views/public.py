"""The Movement's public pages: what it is, its events, one event, and an event's documents.

Only published events are shown; an unpublished one gives 404 to everyone on the site.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.uploads import attachment_response
from movement.availability import availability
from movement.models import Event, EventDocument, Registration
from movement.services.places import waiting_position


def _events():
    return Event.objects.published().with_places()


def _with_places(events) -> list[Event]:
    """The events, each with how its places are shown (from the counts already fetched)."""
    events = list(events)
    for event in events:
        event.places = availability(event)
    return events


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {"upcoming": _with_places(_events().upcoming())}
    return render(request, "movement/movement_detail.html", context)


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    context = {
        "upcoming": _with_places(_events().upcoming()),
        "past": _with_places(_events().past()),
    }
    return render(request, "movement/event_list.html", context)


def your_place(request: HttpRequest, event: Event) -> Registration | None:
    """The signed-in person's live registration for the event, with where they are in line."""
    place = Registration.objects.for_user(request.user).active().filter(event=event).first()
    if place is not None:
        place.position = waiting_position(place)
    return place


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(_events().prefetch_related("documents"), slug=slug)
    here = event.get_absolute_url()
    register = reverse("movement:event_register", kwargs={"slug": event.slug})
    context = {
        "event": event,
        "places": availability(event),
        "place": your_place(request, event),
        "register_url": register,
        "sign_in_url": f"{reverse('account_login')}?{urlencode({'next': register})}",
        "sign_up_url": f"{reverse('account_signup')}?{urlencode({'next': here})}",
        "offer_hours": settings.MOVEMENT_OFFER_HOURS,
    }
    return render(request, "movement/event_detail.html", context)


@require_safe
def event_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A published event's flyer or slides: public, as the event is."""
    documents = EventDocument.objects.filter(event__is_published=True, event__slug=slug)
    document = get_object_or_404(documents, pk=pk)
    return attachment_response(
        document.file,
        title=document.title,
        original_name=document.original_name,
        content_type=document.content_type,
    )
