from django.conf import settings
from django.core.validators import slug_re
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from cases.models import Initiative
from collab_atlas import ratelimit

from . import services
from .choices import SuggestionKind
from .forms import SuggestionForm

# At most this many submissions per client address per window (seconds).
RATE_LIMIT = 10
RATE_WINDOW = 3600


def _corrected_case(request):
    slug = request.GET.get("case")
    if slug is None:
        return None
    # Only a well-formed slug reaches the database (PostgreSQL refuses NUL bytes outright).
    if not slug_re.match(slug):
        raise Http404("No published case study with this address.")
    # Corrections are for what the public can see; a draft's slug is no business of theirs.
    initiative = Initiative.objects.published().for_detail().filter(slug=slug).first()
    if initiative is None:
        raise Http404("No published case study with this address.")
    return initiative


@never_cache
@csrf_protect
def suggest(request):
    initiative = _corrected_case(request)
    if request.method == "POST":
        limit = getattr(settings, "SUGGESTION_RATE_LIMIT", RATE_LIMIT)
        window = getattr(settings, "SUGGESTION_RATE_WINDOW", RATE_WINDOW)
        if not ratelimit.hit(request, "suggest", limit, window):
            response = render(
                request,
                "contributions/rate_limited.html",
                {"minutes": window // 60},
                status=429,
            )
            response["Retry-After"] = str(window)
            return response
        form = SuggestionForm(request.POST, initiative=initiative)
        if form.is_trap_filled:
            # Answer a bot as if it had succeeded, so that it learns nothing.
            return redirect("contributions:thanks")
        if form.is_valid():
            with transaction.atomic():
                suggestion = form.save(commit=False)
                suggestion.submitter_hash = ratelimit.address_hash(request)
                suggestion.language = translation.get_language() or settings.LANGUAGE_CODE
                if initiative is not None:
                    suggestion.kind = SuggestionKind.CORRECTION
                    suggestion.initiative = initiative
                    suggestion.title = suggestion.title or initiative.title
                suggestion.save()
                form.save_m2m()
                services.notify_editors_on_commit(suggestion, request)
            return redirect("contributions:thanks")
    else:
        form = SuggestionForm(initiative=initiative)
    return render(
        request,
        "contributions/suggest.html",
        {"form": form, "initiative": initiative},
    )


def thanks(request):
    return render(request, "contributions/thanks.html")
