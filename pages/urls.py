from django.urls import path

from . import views
from .models import NAMED

app_name = "pages"

urlpatterns = [
    *[path(f"{slug}/", views.page, {"slug": slug}, name=slug) for slug in NAMED],
    path("pages/<slug:slug>/", views.page, name="detail"),
]
