"""The project's URLs, plus the catalogue pages' names where they do not exist yet.

Open data links to case, model, motivation and actor pages by their URL names. Where
the project does not define those names, minimal stand-ins are added so that the
addresses can be reversed; where it does, the project's own pages are used unchanged.
"""

from django.http import HttpResponse
from django.urls import get_resolver, include, path

from collab_atlas.urls import urlpatterns as project_urlpatterns


def page(request, slug=None):
    return HttpResponse(f"page {slug or ''}")


namespaces = get_resolver("collab_atlas.urls").namespace_dict
urlpatterns = list(project_urlpatterns)

if "cases" not in namespaces:
    urlpatterns.append(
        path(
            "",
            include(
                (
                    [
                        path("cases/", page, name="list"),
                        path("cases/<slug:slug>/", page, name="detail"),
                        path("actors/<slug:slug>/", page, name="actor"),
                    ],
                    "cases",
                )
            ),
        )
    )
if "models_of_collab" not in namespaces:
    urlpatterns.append(
        path(
            "",
            include(
                (
                    [
                        path("models/<slug:slug>/", page, name="detail"),
                        path("motivations/<slug:slug>/", page, name="motivation"),
                    ],
                    "models_of_collab",
                )
            ),
        )
    )
