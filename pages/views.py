from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from .models import Page

# Pages that tell people how to reach the atlas show its contact address.
SHOW_CONTACT = {"about", "privacy", "accessibility", "contact"}


def page(request, slug):
    """A published page (one query); editors also see drafts, marked as such. Signed-in
    visitors are never served from the page cache, so a draft is never cached."""
    editor = request.user.is_authenticated and request.user.has_perm("pages.change_page")
    pages = Page.objects.all() if editor else Page.objects.published()
    found = pages.filter(slug=slug).first()
    if found is None:
        raise Http404("No such page.")
    return render(
        request,
        "pages/page.html",
        {
            "page": found,
            "contact_email": settings.CONTACT_EMAIL if slug in SHOW_CONTACT else "",
        },
    )
