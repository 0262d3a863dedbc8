"""The signed preview link, kept apart from the public case URLs."""

from django.urls import path

from . import preview

app_name = "preview"

urlpatterns = [
    path("cases/<slug:slug>/preview/<str:token>/", preview.shared_preview, name="case"),
]
