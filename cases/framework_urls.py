"""The framework pages keep the ``models_of_collab`` URL names they have always had."""

from django.urls import path

from . import framework_views as views

app_name = "models_of_collab"

urlpatterns = [
    path("models/", views.model_list, name="list"),
    path("models/<slug:slug>/", views.model_detail, name="detail"),
    path("motivations/", views.motivation_list, name="motivations"),
    path("motivations/<slug:slug>/", views.motivation_detail, name="motivation"),
]
