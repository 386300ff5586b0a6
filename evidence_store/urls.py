"""URLs of the evidence store (a contract: keep them stable)."""

from django.urls import path

from evidence_store import views

app_name = "evidence_store"

urlpatterns = [
    path("", views.intervention_list, name="intervention_list"),
    path("compare/", views.intervention_compare, name="compare"),
    path("ratings/", views.ratings_guide, name="ratings_guide"),
    path("data/", views.data_dictionary, name="data_dictionary"),
    path("export/datapackage.json", views.datapackage, name="datapackage"),
    path("export/<slug:slug>.csv", views.export_csv, name="export"),
    path("<slug:slug>/", views.intervention_detail, name="intervention_detail"),
    path("<slug:slug>/resources/<int:pk>/", views.resource_file, name="resource_file"),
]
