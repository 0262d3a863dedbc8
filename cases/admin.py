from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from collab_atlas.history import HistoryAdmin
from collab_atlas.reviewed_admin import ReviewedAdmin
from collab_atlas.translated import side_by_side, translations_of
from collab_atlas.widgets import MarkdownTextarea

from . import preview, provenance, workflow
from .choices import FundingSource, State
from .facets import countries_in_use
from .models import Actor, Initiative, InitiativeLink, Involvement, Lesson, Source, Theme

# Addresses typed without a scheme ("example.org") are taken as https.
URL_FIELDS = {models.URLField: {"widget": widgets.AdminURLFieldWidget, "assume_scheme": "https"}}
MARKDOWN_FIELDS = {
    models.TextField: {"widget": MarkdownTextarea(attrs={"rows": 6})},
    **URL_FIELDS,
}


class CountryListFilter(admin.SimpleListFilter):
    """Filter on a country field, offering only the countries in use."""

    title = _("country")
    parameter_name = "country"
    # A field of several countries ("PL,RO"); two-letter codes never match across a comma.
    field_name = "countries"
    lookup = "contains"

    def lookups(self, request, model_admin):
        return countries_in_use(model_admin.model.objects.all(), self.field_name)

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_name}__{self.lookup}": self.value()})
        return queryset


class LinkStateFilter(admin.SimpleListFilter):
    """Records by the last check of their address (the ``check_links`` command)."""

    title = _("link check")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [
            ("broken", _("Broken")),
            ("working", _("Working")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset):
        broken = queryset.model.broken_link()
        if self.value() == "broken":
            return queryset.filter(broken)
        if self.value() == "working":
            return queryset.filter(link_checked_at__isnull=False).exclude(broken)
        if self.value() == "unchecked":
            field = queryset.model.link_field
            return queryset.filter(link_checked_at__isnull=True).exclude(**{field: ""})
        return queryset


class LinkStateColumn:
    """The ``link_state`` column and read-only field: the address's last check."""

    @admin.display(description=_("link check"), ordering="link_checked_at")
    def link_state(self, obj):
        if not getattr(obj, obj.link_field):
            return "—"
        if obj.link_checked_at is None:
            return _("not checked yet")
        checked = date_format(obj.link_checked_at, "SHORT_DATE_FORMAT")
        if obj.link_is_broken:
            problem = obj.link_error or obj.link_status
            return format_html(
                '<strong class="errornote">{}</strong>',
                _("Broken (%(problem)s), checked %(date)s") % {"problem": problem, "date": checked},
            )
        return _("Working (%(status)s), checked %(date)s") % {
            "status": obj.link_status,
            "date": checked,
        }


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    """Names every control of a tabular row, whose only visible label is a column heading.

    A table's heading is not a ``<label>``, so without this a screen reader announces the
    inputs of a row as unnamed; each gets ``aria-label`` "<column> (row n)".
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = _("new row") if index is None else _("row %(number)s") % {"number": index + 1}
        for field in form.fields.values():
            if not field.widget.is_hidden:
                # The admin wraps related selects (with their add and change links): the
                # name belongs on the select itself.
                widget = getattr(field.widget, "widget", field.widget)
                widget.attrs.setdefault("aria-label", f"{field.label} ({row})")


class AdminAssets:
    """The admin's own stylesheet and the script naming autocomplete boxes (static files only)."""

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-labels.js"]


class CaseRowsInline:
    """Rows of a case follow the case's edit rule: read-only on a published case for editors."""

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.may_edit(request.user, obj)


class CaseRowAdmin(AdminAssets, HistoryAdmin):
    """A case's lessons or sources edited on their own, under the same rule as the case."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.may_edit(request.user, obj.initiative)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or workflow.may_edit(request.user, obj.initiative)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "initiative" and not request.user.has_perm(workflow.PUBLISH_PERMISSION):
            kwargs["queryset"] = Initiative.objects.exclude(state=State.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def own_sources(initiative):
    """The sources a fact of ``initiative`` may cite: its own, once it is saved."""
    if initiative is None or initiative.pk is None:
        return Source.objects.none()
    return Source.objects.filter(initiative=initiative)


class ProvenanceFormSet(LabelledRowsFormSet):
    """Rows that state a fact (lessons, roles, lineage): each cites one of the case's own
    sources, and must once the case leaves draft."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "provenance" in form.fields:
            form.fields["provenance"].queryset = own_sources(self.instance)

    def clean(self):
        super().clean()
        if not provenance.needs_sources(self.instance):
            return
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors or "provenance" not in form.fields:
                continue
            if not data.get("provenance"):
                form.add_error("provenance", provenance.ROW_MESSAGE)


class InvolvementInline(CaseRowsInline, admin.TabularInline):
    model = Involvement
    formset = ProvenanceFormSet
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "note", "provenance", "order"]


class LessonInline(CaseRowsInline, admin.StackedInline):
    model = Lesson
    formset = ProvenanceFormSet
    extra = 0
    fields = ["kind", "collaboration_model", *side_by_side("text"), "provenance", "order"]
    formfield_overrides = {models.TextField: {"widget": MarkdownTextarea(attrs={"rows": 3})}}


class SourceForm(forms.ModelForm):
    """Ticking "the guide itself" is enough: its title and publisher are filled in."""

    class Meta:
        model = Source
        fields = [
            "initiative", "title", *translations_of("title"), "publisher", "url", "is_guide",
            "locator", "order",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Left empty for the guide, its title is used.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_guide"):
            cleaned["title"] = cleaned.get("title") or provenance.GUIDE_TITLE
            cleaned["publisher"] = cleaned.get("publisher") or provenance.GUIDE_PUBLISHER
        elif not cleaned.get("title"):
            self.add_error("title", _("Give the title of the source."))
        return cleaned


class SourceInline(CaseRowsInline, LinkStateColumn, admin.TabularInline):
    model = Source
    form = SourceForm
    formset = LabelledRowsFormSet
    # A plain address box: the admin's URL widget repeats the address as a "Currently"
    # link, which with a long address pushed Order and Delete off a 1,280 px screen.
    formfield_overrides = {
        models.URLField: {"widget": forms.URLInput(attrs={"class": "vURLField"}),
                          "assume_scheme": "https"}
    }  # fmt: skip
    extra = 1
    fields = ["title", "publisher", "url", "is_guide", "locator", "order", "link_state"]
    readonly_fields = ["link_state"]


class LineageFormSet(ProvenanceFormSet):
    """Checks the links of one case together, so no combination of rows makes a loop."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            # A case being created has no descendants yet, so it cannot close a loop.
            return
        rows = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("target")
            and not form.errors
        ]
        for form in rows:
            loop = InitiativeLink.objects.find_cycle(
                self.instance.pk,
                form.cleaned_data["target"].pk,
                exclude_pks=[row.instance.pk for row in rows],
            )
            if loop:
                raise forms.ValidationError(
                    _(
                        "These links would make this case study its own ancestor: %(chain)s. "
                        "Remove or change the link that closes the loop."
                    )
                    % {"chain": InitiativeLink.objects.describe_cycle(loop)},
                    code="lineage_cycle",
                )


class InitiativeLinkInline(CaseRowsInline, admin.TabularInline):
    model = InitiativeLink
    formset = LineageFormSet
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["kind", "target", "note", "provenance"]
    verbose_name = _("lineage: this case was…")
    verbose_name_plural = _("lineage: this case was replicated from, adapted from or is part of")


class CountryPicker(widgets.FilteredSelectMultiple):
    """Django's two-box filter (the filter_horizontal widget) for a list of countries.

    Wrapped as the admin wraps it for a many-to-many field, since its script draws the
    boxes at the start of the select's parent: without a wrapper of its own they would
    land before the field's label.
    """

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="related-widget-wrapper">{}</div>',
            super().render(name, value, attrs, renderer),
        )


class InitiativeAdminForm(forms.ModelForm):
    funding_sources = forms.MultipleChoiceField(
        label=_("kinds of funding"),
        choices=FundingSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Initiative._meta.get_field("funding_sources").help_text,
    )

    class Meta:
        model = Initiative
        fields = [
            "title", "slug", "summary", "state", "aim", "funding", "funding_sources",
            "initiator_kind", "initiation", "collaboration", "collaboration_models",
            "motivations", "description", "countries", "scope", "themes", "start_year",
            "end_year", "status", "website", "initiator_provenance", "funding_provenance",
            "years_provenance", "status_provenance",
            *translations_of("title", "summary", "aim", "funding", "initiation", "description"),
        ]  # fmt: skip
        widgets = {
            # A searchable two-box picker instead of a Ctrl-click list of about 250 countries.
            "countries": CountryPicker(_("countries"), is_stacked=False),
            "collaboration_models": forms.CheckboxSelectMultiple,
            "motivations": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    # Set per request by InitiativeAdmin.get_form: the user whose rights the state follows.
    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and "state" in self.fields:
            # Offer only the states this user may choose; clean_state still accepts any
            # value so that a forged one is answered with a clear message.
            allowed = workflow.allowed_states(self.user, self.saved_state())
            self.fields["state"].widget.choices = [
                (value, label) for value, label in State.choices if value in allowed
            ]
        for name in provenance.CASE_FACTS:
            if name in self.fields:
                self.fields[name].queryset = own_sources(self.instance)

    def saved_state(self):
        """The state in the database, not the one on the instance.

        A revert from history builds the form on the old version, whose state may be
        "published": the rule applies to the move from the current state.
        """
        if self.instance.pk is None:
            return None
        return (
            Initiative.objects.filter(pk=self.instance.pk).values_list("state", flat=True).first()
        )

    def clean_state(self):
        state = self.cleaned_data["state"]
        if self.user is not None:
            workflow.check_move(self.user, self.saved_state(), state)
        return state

    def clean(self):
        cleaned = super().clean()
        # construct_instance has not run yet: judge the facts by the submitted values.
        case = Initiative(**{
            name: cleaned.get(name, getattr(self.instance, name))
            for name in ("state", "initiator_kind", "funding", "funding_sources",
                         "start_year", "end_year", "status")
        })  # fmt: skip
        if "state" in cleaned and provenance.needs_sources(case):
            values = {name: cleaned.get(name) for name in provenance.CASE_FACTS}
            for name, message in provenance.unsourced_case_facts(case, values).items():
                if name in self.fields:
                    self.add_error(name, message)
        return cleaned


@admin.register(Initiative)
class InitiativeAdmin(AdminAssets, LinkStateColumn, HistoryAdmin):
    form = InitiativeAdminForm
    list_display = [
        "title",
        "state",
        "collaboration",
        "initiator_kind",
        "model_names",
        "country_codes",
        "start_year",
        "updated_at",
        "link_state",
    ]
    list_filter = [
        "state",
        "collaboration",
        "initiator_kind",
        "collaboration_models",
        "motivations",
        CountryListFilter,
        "themes",
        "status",
        LinkStateFilter,
    ]
    search_fields = [
        "title", "summary", *translations_of("title", "summary"), "actors__name", "actors__aliases",
    ]  # fmt: skip
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "link_state",
        "preview_links",
        "published_at",
        "published_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "updated_at"
    actions = ["submit_for_review", "publish", "unpublish"]
    inlines = [InvolvementInline, LessonInline, SourceInline, InitiativeLinkInline]
    formfield_overrides = MARKDOWN_FIELDS
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *side_by_side("title"),
                    "slug",
                    *side_by_side("summary"),
                    "state",
                    "preview_links",
                ],
                "description": _(
                    "Write the English original first; the Polish and Spanish versions "
                    "beside it are optional. Where one is empty, the public page shows the "
                    "English text and says so."
                ),
            },
        ),
        (
            _("The guide's questions"),
            {
                "fields": [
                    *side_by_side("aim", "funding"),
                    "funding_sources",
                    "initiator_kind",
                    *side_by_side("initiation"),
                    "collaboration",
                    "collaboration_models",
                    "motivations",
                ]
            },
        ),
        (_("The story"), {"fields": side_by_side("description")}),
        (
            _("Where and when"),
            {"fields": ["countries", "scope", "themes", "start_year", "end_year", "status"]},
        ),
        (_("Links"), {"fields": ["website", "link_state"]}),
        (
            _("Where the facts come from"),
            {
                "description": _(
                    "Choose among this case study's sources, listed below; add and save a "
                    "new source first. A source marked as the guide stands for the guide "
                    "at the section it names."
                ),
                "fields": [
                    "initiator_provenance",
                    "funding_provenance",
                    "years_provenance",
                    "status_provenance",
                ],
            },
        ),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "published_at",
                    "published_by",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("collaboration_models")

    @admin.display(description=_("models"))
    def model_names(self, obj):
        return ", ".join(model.name for model in obj.collaboration_models.all())

    @admin.display(description=_("countries"))
    def country_codes(self, obj):
        return ", ".join(country.code for country in obj.countries)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET" and not workflow.may_edit(request.user, obj):
            self.message_user(
                request,
                _(
                    "This case study is published, so only reviewers change it. Ask a "
                    "reviewer to make the change, or to unpublish it for you to edit."
                ),
                messages.INFO,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        saved = (
            Initiative.objects.filter(pk=obj.pk).values(
                "state", "published_at", "published_by", "reviewed_at"
            )
            if obj.pk
            else None
        )
        previous = saved[0] if saved else None
        if previous:
            # A revert restores an old version's fields; the publication record is not
            # content, so it always comes from the database unless this save publishes.
            obj.published_at = previous["published_at"]
            obj.published_by_id = previous["published_by"]
            obj.reviewed_at = previous["reviewed_at"]
        workflow.record_publication(obj, request.user, previous and previous["state"])
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="cases_initiative_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        initiative = self.get_object(request, object_id)
        if initiative is None or not self.has_view_or_change_permission(request, initiative):
            raise PermissionDenied
        return preview.render_preview(request, initiative.slug)

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the case study to preview it.")
        expires = date_format(preview.link_expiry(), "DATE_FORMAT")
        return format_html(
            '<a class="button" href="{}" target="_blank" rel="noopener">{}</a>'
            '<p>{} <a href="{}">{}</a></p><p class="help">{}</p>',
            reverse("admin:cases_initiative_preview", args=[obj.pk]),
            _("Preview as the public will see it"),
            _("Link to send to a partner for a check:"),
            preview.preview_url(obj),
            preview.preview_url(obj),
            _("Anyone with this link can read the case until %(date)s; do not publish it.")
            % {"date": expires},
        )

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH_PERMISSION)

    def _move_selected(self, request, queryset, target):
        moved = skipped = 0
        for initiative in queryset.exclude(state=target):
            if workflow.move(initiative, request.user, target):
                moved += 1
            else:
                skipped += 1
        return moved, skipped

    def _report_skipped(self, request, skipped):
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d case study was left as it was: its state does not allow this step.",
                    "%d case studies were left as they were: their state does not allow this step.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )

    @admin.action(description=_("Submit the selected case studies for review"))
    def submit_for_review(self, request, queryset):
        moved, skipped = self._move_selected(request, queryset, State.REVIEW)
        self.message_user(
            request,
            ngettext(
                "%d case study submitted for review.",
                "%d case studies submitted for review.",
                moved,
            )
            % moved,
            messages.SUCCESS,
        )
        self._report_skipped(request, skipped)

    @admin.action(description=_("Publish the selected case studies"), permissions=["publish"])
    def publish(self, request, queryset):
        moved, skipped = self._move_selected(request, queryset, State.PUBLISHED)
        self.message_user(
            request,
            ngettext("%d case study published.", "%d case studies published.", moved) % moved,
            messages.SUCCESS,
        )
        self._report_skipped(request, skipped)

    @admin.action(description=_("Unpublish the selected case studies"), permissions=["publish"])
    def unpublish(self, request, queryset):
        moved, skipped = self._move_selected(
            request, queryset.filter(state=State.PUBLISHED), State.UNPUBLISHED
        )
        self.message_user(
            request,
            ngettext("%d case study unpublished.", "%d case studies unpublished.", moved) % moved,
            messages.SUCCESS,
        )
        self._report_skipped(request, skipped)


class ActorCountryFilter(CountryListFilter):
    field_name = "country"
    lookup = "exact"


@admin.register(Actor)
class ActorAdmin(AdminAssets, ReviewedAdmin, LinkStateColumn, HistoryAdmin):
    list_display = ["name", "kind", "country", "case_count", "updated_at", "link_state"]
    list_filter = ["kind", ActorCountryFilter, LinkStateFilter]
    readonly_fields = ["link_state"]
    search_fields = ["name", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = MARKDOWN_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_cases=models.Count("initiatives"))

    def get_search_results(self, request, queryset, search_term):
        """Matches on the name first, then on an alias, then on the description.

        The autocomplete boxes of the case form list results in this order (the change
        list sorts its own way), so typing "ePa" offers "ePaństwo Foundation" before an
        organisation whose description merely mentions it.
        """
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            queryset = queryset.annotate(
                search_rank=Case(
                    When(name__iexact=term, then=Value(0)),
                    When(name__istartswith=term, then=Value(1)),
                    When(name__icontains=term, then=Value(2)),
                    When(aliases__icontains=term, then=Value(3)),
                    default=Value(4),
                    output_field=IntegerField(),
                )
            ).order_by("search_rank", "name", "pk")
        return queryset, may_have_duplicates

    @admin.display(description=_("case studies"), ordering="_cases")
    def case_count(self, obj):
        return obj._cases

    def is_public(self, obj):
        # An organisation reaches the public only through a published case, which a
        # reviewer publishes; until then an editor shapes it freely.
        return (
            obj.pk is not None and Actor.objects.with_published_cases().filter(pk=obj.pk).exists()
        )


@admin.register(Theme)
class ThemeAdmin(ReviewedAdmin, admin.ModelAdmin):
    fields = [*side_by_side("name"), "slug"]
    list_display = ["name", "slug"]
    search_fields = ["name", *translations_of("name")]
    prepopulated_fields = {"slug": ["name"]}

    def is_public(self, obj):
        # Like an organisation: public once a published case is about it.
        return obj.pk is not None and Theme.objects.in_use().filter(pk=obj.pk).exists()


class LessonAdminForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "initiative", "kind", "collaboration_model", "text", *translations_of("text"),
            "provenance", "order",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        case = cleaned.get("initiative")
        if case is not None and provenance.needs_sources(case) and not cleaned.get("provenance"):
            self.add_error("provenance", provenance.ROW_MESSAGE)
        return cleaned


@admin.register(Lesson)
class LessonAdmin(CaseRowAdmin):
    form = LessonAdminForm
    list_display = ["__str__", "kind", "initiative", "collaboration_model"]
    list_filter = [
        "kind",
        "collaboration_model",
        "initiative__initiator_kind",
        "initiative__collaboration",
        "initiative__state",
    ]
    list_select_related = ["initiative", "collaboration_model"]
    search_fields = ["text", *translations_of("text"), "initiative__title"]
    autocomplete_fields = ["initiative"]
    raw_id_fields = ["provenance"]
    formfield_overrides = MARKDOWN_FIELDS


@admin.register(Source)
class SourceAdmin(LinkStateColumn, CaseRowAdmin):
    form = SourceForm
    fields = [
        "initiative", *side_by_side("title"), "publisher", "url", "is_guide", "locator", "order",
        "link_state",
    ]  # fmt: skip
    list_display = ["title", "locator", "is_guide", "publisher", "url", "initiative", "link_state"]
    list_filter = ["is_guide", LinkStateFilter]
    readonly_fields = ["link_state"]
    list_select_related = ["initiative"]
    search_fields = ["title", "publisher", "url", "initiative__title"]
    autocomplete_fields = ["initiative"]
    formfield_overrides = URL_FIELDS
