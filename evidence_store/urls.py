"""URLs of the evidence store (a contract: keep them stable)."""

from django.urls import path

from evidence_store.views import comparison, gap_map, guides, interventions, listing, open_data

app_name = "evidence_store"

urlpatterns = [
    path("", listing.intervention_list, name="intervention_list"),
    path("compare/", comparison.intervention_compare, name="compare"),
    path("compare/comparison.csv", comparison.compare_csv, name="compare_csv"),
    path("ratings/", guides.ratings_guide, name="ratings_guide"),
    path("data/", open_data.data_dictionary, name="data_dictionary"),
    path("export/datapackage.json", open_data.datapackage, name="datapackage"),
    path("export/<slug:slug>.csv", open_data.export_csv, name="export"),
    path("gap-map/", gap_map.gap_map, name="gap_map"),
    path("gap-map/matrix.csv", gap_map.matrix_csv, name="gap_matrix_csv"),
    path("gap-map/gaps.csv", gap_map.gaps_csv, name="gaps_csv"),
    path("<slug:slug>/", interventions.intervention_detail, name="intervention_detail"),
    path(
        "<slug:slug>/as-of/<str:as_of>/",
        interventions.intervention_as_of,
        name="intervention_as_of",
    ),
    path("<slug:slug>/resources/<int:pk>/", interventions.resource_file, name="resource_file"),
]
