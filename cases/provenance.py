"""Which facts of a case need a source, and whether each has one.

Provenance is data: a lesson, an organisation's role, a lineage link and four facts of
the case itself (who initiated it, its funding, its years, its status) each point to
one of the case's own sources. "From the guide" is not a blank: it is a source marked
as the guide itself, with the section or page, so the rule is one rule: a case that
leaves draft names a source for every fact it states.
"""

from django.utils.translation import gettext_lazy as _

from .choices import InitiatorKind, State, Status

# provenance field -> (is the fact stated?, what the message calls it)
CASE_FACTS = {
    "initiator_provenance": (
        lambda case: bool(case.initiator_kind) and case.initiator_kind != InitiatorKind.UNKNOWN,
        _("who initiated it"),
    ),
    "funding_provenance": (
        lambda case: bool(case.funding or case.funding_sources),
        _("the funding"),
    ),
    "years_provenance": (
        lambda case: case.start_year is not None or case.end_year is not None,
        _("the years"),
    ),
    "status_provenance": (
        lambda case: bool(case.status) and case.status != Status.UNKNOWN,
        _("the status"),
    ),
}

# The guide the catalogue is built on, as a source of a case.
GUIDE_TITLE = (
    "Social Innovation in Digital Democracy Era. Towards Synergies between Citizens and Governments"
)
GUIDE_PUBLISHER = "ePaństwo Foundation (DSI4EU)"

ROW_MESSAGE = _(
    "Choose where this comes from: the guide (a source marked as the guide, with its "
    "section) or another source in this case study's list. Save new sources first; a "
    "draft may wait, but a case in review or published needs a source for every fact."
)


def needs_sources(case):
    """Whether ``case`` (with the state it is about to be saved in) must source its facts."""
    return case.state != State.DRAFT


def unsourced_case_facts(case, cleaned=None):
    """{provenance field: message} for each fact ``case`` states without a source.

    ``cleaned`` holds a form's values, read instead of the instance's where given.
    """
    values = cleaned or {}
    missing = {}
    for field, (stated, label) in CASE_FACTS.items():
        provenance = values.get(field) if field in values else getattr(case, f"{field}_id")
        if stated(case) and not provenance:
            missing[field] = _(
                "Choose the source of %(fact)s: the guide (a source marked as the guide, "
                "with its section) or another source in this case study's list. Save new "
                "sources first; a draft may wait, but a case in review or published needs "
                "a source for every fact."
            ) % {"fact": label}
    return missing
