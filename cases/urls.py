from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="list"),
    path("cases/<slug:slug>/", views.CaseDetailView.as_view(), name="detail"),
    path("actors/", views.ActorListView.as_view(), name="actors"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("lessons/", views.LessonListView.as_view(), name="lessons"),
]
