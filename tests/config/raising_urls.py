"""A URLconf whose one page fails, to see the 500 response as production serves it."""

from django.urls import path

from config.urls import urlpatterns as site


def fails(request):
    raise RuntimeError("a failure the test caused")


urlpatterns = [path("fails/", fails), *site]
handler500 = "config.views.server_error"


def failing_middleware(get_response):
    """Fails as reading the session would with the database gone, before any view runs."""

    def middleware(request):
        raise RuntimeError("a failure the test caused")

    return middleware
