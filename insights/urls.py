from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("choose/", views.choose, name="choose"),
    path("compare/", views.compare, name="compare"),
    path("insights/", views.insights, name="insights"),
]
