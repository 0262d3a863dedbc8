"""Preview of a case study as the public page shows it, before it is published.

Editors preview from the admin. A partner gets a signed link instead: the token is
a timestamped signature of the case's slug, salted for this purpose only, so it
cannot be forged, reused for another case or kept beyond ``PREVIEW_MAX_AGE``.
"""

from datetime import timedelta

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .models import Initiative
from .views import case_page_context

PREVIEW_SALT = "cases.preview"
PREVIEW_MAX_AGE = timedelta(days=7)


def _signer():
    return signing.TimestampSigner(salt=PREVIEW_SALT)


def make_token(slug):
    # The signed value is "slug:timestamp:signature"; the slug is already in the URL.
    return _signer().sign(slug).removeprefix(f"{slug}{_signer().sep}")


def preview_url(initiative):
    return reverse(
        "preview:case",
        kwargs={"slug": initiative.slug, "token": make_token(initiative.slug)},
    )


def link_expiry():
    """When a link made now stops working."""
    return timezone.now() + PREVIEW_MAX_AGE


def render_preview(request, slug, status=200):
    initiative = get_object_or_404(Initiative.objects.for_detail(), slug=slug)
    # The public page's own template and context, so the preview shows exactly that.
    response = render(
        request,
        "cases/case_detail.html",
        {**case_page_context(initiative), "preview": True},
        status=status,
    )
    # Previews stay out of search engines, shared caches and other sites' logs.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def shared_preview(request, slug, token):
    try:
        _signer().unsign(f"{slug}{_signer().sep}{token}", max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        response = render(request, "cases/preview_expired.html", status=410)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    except signing.BadSignature as error:
        raise Http404("No such preview.") from error
    return render_preview(request, slug)
