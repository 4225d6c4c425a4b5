"""URL routes of the materials and search API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.materials.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("materials/", views.MaterialListApi.as_view(), name="material-list"),
    path("materials/<uuid:material_id>/", views.MaterialDetailApi.as_view(), name="material-detail"),
    path("materials/<uuid:material_id>/chunks/", views.MaterialChunkListApi.as_view(), name="material-chunks"),
    path("search/", views.SearchApi.as_view(), name="search"),
]
