"""A bound on the admin's searches: Django ANDs one clause per word across every search field,
so hundreds of words build a query too deep for the database (SQLite refuses past depth 1000).
Staff never need more than a few words; the rest are dropped."""

from django.contrib.admin import AdminSite

MAX_WORDS = 10
MAX_CHARACTERS = 200


def bounded(search_term: str) -> str:
    return " ".join(search_term[:MAX_CHARACTERS].split()[:MAX_WORDS])


def bound_searches(site: AdminSite) -> None:
    """Give every admin registered on the site a search that keeps the first words only."""
    for model_admin in site._registry.values():
        if getattr(model_admin.get_search_results, "bounded", False):
            continue
        search = model_admin.get_search_results

        def get_search_results(request, queryset, search_term, _search=search):
            return _search(request, queryset, bounded(search_term))

        get_search_results.bounded = True
        model_admin.get_search_results = get_search_results
