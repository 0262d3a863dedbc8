from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .api import views

app_name = "api"

router = DefaultRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("models", views.CollaborationModelViewSet, basename="model")
router.register("motivations", views.MotivationViewSet, basename="motivation")
router.register("lessons", views.LessonViewSet, basename="lesson")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file of its own, not inline.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    re_path(r"^(?P<path>[\s\S]*)\Z", views.not_found, name="not-found"),
]
