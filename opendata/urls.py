from django.urls import path

from . import views
from .feeds import CasesFeed, ModelCasesFeed

app_name = "opendata"

urlpatterns = [
    path("cases/download.csv", views.cases_csv, name="cases-csv"),
    path("cases/download.json", views.cases_json, name="cases-json"),
    path("data/", views.OpenDataView.as_view(), name="data"),
    path("data/dictionary/", views.DictionaryView.as_view(), name="dictionary"),
    path("data/releases/<str:name>", views.release_download, name="release"),
    path("feeds/cases.atom", CasesFeed(), name="feed-cases"),
    path("feeds/models/<slug:slug>.atom", ModelCasesFeed(), name="feed-model"),
]
