"""The home page, under its global name ``home`` (no namespace), so that the root URLconf
wires it in by path instead of importing the view."""

from django.urls import path

from .views import home

urlpatterns = [path("", home, name="home")]
