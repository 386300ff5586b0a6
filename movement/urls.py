"""The Movement's public pages, and a person's own places (signed in)."""

from django.urls import include, path

from movement.views import places, public

app_name = "movement"

urlpatterns = [
    path("", public.index, name="index"),
    path("events/", public.event_list, name="event_list"),
    path("events/<slug:slug>/", public.event_detail, name="event_detail"),
    path("events/<slug:slug>/register/", places.event_register, name="event_register"),
    path("events/<slug:slug>/documents/<int:pk>/", public.event_document, name="event_document"),
    path("places/<uuid:token>/", places.place_detail, name="place_detail"),
    path("places/<uuid:token>/event.ics", places.place_calendar, name="place_calendar"),
    path("places/<uuid:token>/accept/", places.offer_accept, name="offer_accept"),
    path("places/<uuid:token>/cancel/", places.place_cancel, name="place_cancel"),
    path("practice/", include("movement.practice_urls")),
]
