from django import template
from django.http import QueryDict

from collab_atlas.links import link
from opendata.citation import case_citation as build_case_citation
from opendata.licence import LICENSE_NAME, LICENSE_TITLE, LICENSE_URL
from opendata.links import site_root

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """``path`` (default: this page's) as an absolute address on the canonical site."""
    request = context.get("request")
    if not path:
        path = request.path if request is not None else "/"
    if "://" in path:
        return path
    return site_root(request) + path


@register.simple_tag
def download_url(fmt, query_string=""):
    """The download of the list that ``query_string`` selects, all pages of it."""
    viewname = "opendata:cases-json" if fmt == "json" else "opendata:cases-csv"
    return link(viewname, QueryDict(query_string or ""))


@register.simple_tag(takes_context=True)
def case_citation(context, initiative):
    request = context.get("request")
    return build_case_citation(initiative, site_root(request) + initiative.get_absolute_url())


@register.simple_tag
def licence():
    return {"name": LICENSE_NAME, "title": LICENSE_TITLE, "url": LICENSE_URL}
