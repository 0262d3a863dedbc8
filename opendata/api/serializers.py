"""What the API shows of each thing. Every address in it is absolute and stable."""

from operator import itemgetter

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.choices import ActorKind, LinkKind
from cases.fields import BY_NAME as CASE_FIELDS
from cases.fields import source_number, translated_description
from collab_atlas import translated
from collab_atlas.links import slug_path

from ..columns import format_datetime
from ..links import site_root


def _described(spec, field_class, **kwargs):
    if issubclass(field_class, serializers.ChoiceField):
        kwargs["choices"] = spec.choices.choices
    return field_class(help_text=spec.description, **kwargs)


def case_field(name, field_class=serializers.CharField, **kwargs):
    """A case field the API shares with the files and downloads, as cases.fields describes it."""
    return _described(CASE_FIELDS[name], field_class, **kwargs)


def part_field(name, part, field_class=serializers.CharField, **kwargs):
    """A part of a case's involvements, lessons or sources, as cases.fields describes it."""
    return _described(CASE_FIELDS[name].part(part), field_class, **kwargs)


@extend_schema_field({"type": "integer", "nullable": True})
class SourceNumberField(serializers.Field):
    """A fact's source, as its number in the case's list of sources (``cases.fields``).

    Reads the whole object (``source="*"``) with the reader the files use."""

    def __init__(self, read, **kwargs):
        self.read = read
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        number = self.read(value)
        return int(number) if number not in (None, "") else None


def cited_field(name):
    """A case's fact source, as cases.fields describes and reads it."""
    spec = CASE_FIELDS[name]
    return SourceNumberField(spec.read, help_text=spec.description)


def cited_part(name):
    """A related row's source number, as cases.fields describes and reads it."""
    spec = CASE_FIELDS[name].part("source")
    return SourceNumberField(spec.read, help_text=spec.description)


class TranslationsMixin:
    """Adds after each field named in ``translated`` a field per translation of it
    (``title_pl``, ``title_es``), described from the original's help text.

    The originals keep their names and their text, whatever ``?lang=`` asks for: the
    translations are extra fields, read from the same row, so they cost no query."""

    translated = ()

    def get_fields(self):
        def translation(pair, column, code, language_name):
            name, field = pair
            description = translated_description(
                field.help_text or name.capitalize(), language_name
            )
            return column, serializers.CharField(help_text=description)

        fields = super().get_fields().items()
        return dict(translated.interleaved(fields, self.translated, translation, itemgetter(0)))


class LinkedSerializer(serializers.Serializer):
    """Adds ``url`` (the public page) and ``api_url`` (this record in the API)."""

    api_route = None

    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def _root(self):
        # Once per response: every record of a page names its addresses with it.
        context = self.context
        if "site_root" not in context:
            context["site_root"] = site_root(context.get("request"))
        return context["site_root"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return self._root() + obj.get_absolute_url()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj):
        return self._root() + slug_path(self.api_route, obj.slug)


class CaseRefSerializer(LinkedSerializer):
    api_route = "api:case-detail"
    slug = case_field("slug", serializers.SlugField)
    title = case_field("title")


class ActorRefSerializer(LinkedSerializer):
    api_route = "api:actor-detail"
    slug = serializers.SlugField()
    name = serializers.CharField()


class ModelRefSerializer(LinkedSerializer):
    api_route = "api:model-detail"
    slug = serializers.SlugField()
    name = serializers.CharField()


class MotivationRefSerializer(LinkedSerializer):
    api_route = "api:motivation-detail"
    slug = serializers.SlugField()
    name = serializers.CharField()


class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField()


class CaseActorSerializer(serializers.Serializer):
    actor = ActorRefSerializer()
    role = part_field("involvements", "role", serializers.ChoiceField)
    source = cited_part("involvements")
    note = part_field("involvements", "note")


class IsoDateTimeField(serializers.Field):
    """UTC, to the second, with a Z: the same text as in the downloads."""

    def to_representation(self, value):
        return format_datetime(value)


@extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
class NullableDateTimeField(IsoDateTimeField):
    pass


@extend_schema_field({"type": "string", "format": "date-time"})
class DateTimeField(IsoDateTimeField):
    pass


class CaseSummarySerializer(TranslationsMixin, CaseRefSerializer):
    translated = ("title", "summary")
    summary = case_field("summary")
    collaboration = case_field("collaboration", serializers.ChoiceField)
    initiator_kind = case_field("initiator_kind", serializers.ChoiceField)
    collaboration_models = ModelRefSerializer(many=True)
    motivations = MotivationRefSerializer(many=True)
    themes = ThemeSerializer(many=True)
    countries = CountrySerializer(many=True)
    actors = CaseActorSerializer(many=True, source="involvements")
    start_year = case_field("start_year", serializers.IntegerField, allow_null=True)
    end_year = case_field("end_year", serializers.IntegerField, allow_null=True)
    status = case_field("status", serializers.ChoiceField)
    published_at = case_field("published_at", NullableDateTimeField)
    updated_at = case_field("updated_at", DateTimeField)
    reviewed_at = case_field("reviewed_at", NullableDateTimeField)


class LessonInCaseSerializer(TranslationsMixin, serializers.Serializer):
    translated = ("text",)
    id = serializers.IntegerField()
    kind = part_field("lessons", "kind", serializers.ChoiceField)
    text = part_field("lessons", "text")
    source = cited_part("lessons")
    collaboration_model = ModelRefSerializer(allow_null=True)


class SourceSerializer(TranslationsMixin, serializers.Serializer):
    translated = ("title",)
    number = serializers.SerializerMethodField(
        help_text="Its number in the case's list, which facts cite (1 = first)."
    )
    title = part_field("sources", "title")
    publisher = part_field("sources", "publisher")
    guide = part_field("sources", "guide", serializers.BooleanField, source="is_guide")
    locator = part_field("sources", "locator")
    url = part_field("sources", "url")

    def get_number(self, source) -> int:
        return source_number(source.initiative, source.pk)


class LinkOutSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=LinkKind.choices, help_text="How this case relates to the other one."
    )
    case = CaseRefSerializer(source="target")
    note = serializers.CharField()
    source = SourceNumberField(
        lambda link: source_number(link.source, link.provenance_id),
        help_text="Number of the source, among this case's, that documents the relation.",
    )


class LinkInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=LinkKind.choices, help_text="How the other case relates to this one."
    )
    case = CaseRefSerializer(source="source")
    note = serializers.CharField()


class CaseDetailSerializer(CaseSummarySerializer):
    translated = ("title", "summary", "aim", "description", "initiation", "funding")
    aim = case_field("aim")
    description = case_field("description")
    initiation = case_field("initiation")
    funding = case_field("funding")
    funding_sources = case_field(
        "funding_sources", serializers.ListField, child=serializers.CharField()
    )
    scope = case_field("scope", serializers.ChoiceField, allow_blank=True)
    website = case_field("website")
    initiator_source = cited_field("initiator_source")
    funding_source = cited_field("funding_source")
    years_source = cited_field("years_source")
    status_source = cited_field("status_source")
    lessons = LessonInCaseSerializer(many=True)
    sources = SourceSerializer(many=True)
    links = LinkOutSerializer(many=True, source="links_out")
    linked_from = LinkInSerializer(many=True, source="links_in")


class ActorCaseSerializer(serializers.Serializer):
    case = CaseRefSerializer(source="initiative")
    role = part_field("involvements", "role", serializers.ChoiceField)
    note = part_field("involvements", "note")


class ActorSerializer(ActorRefSerializer):
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_list")
    kind = serializers.ChoiceField(choices=ActorKind.choices)
    country = serializers.SerializerMethodField()
    website = serializers.CharField()
    description = serializers.CharField(help_text="Markdown.")
    cases = ActorCaseSerializer(many=True, source="involvements")

    @extend_schema_field(CountrySerializer(allow_null=True))
    def get_country(self, actor):
        if not actor.country:
            return None
        return {"code": actor.country.code, "name": str(actor.country.name)}


class RecommendationSerializer(TranslationsMixin, serializers.Serializer):
    translated = ("text",)
    order = serializers.IntegerField()
    text = serializers.CharField(help_text="The recommendation, in Markdown.")


class FilteredCasesMixin(serializers.Serializer):
    """Links to the cases behind a model or motivation, through the case list's filter."""

    case_filter = None

    cases = CaseRefSerializer(many=True, source="published_initiatives")
    cases_api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_cases_api_url(self, obj):
        return f"{self._root()}{reverse('api:case-list')}?{self.case_filter}={obj.slug}"


class CollaborationModelSerializer(TranslationsMixin, FilteredCasesMixin, ModelRefSerializer):
    translated = ("name", "summary", "description")
    case_filter = "model"
    summary = serializers.CharField(help_text="What this model is, in a sentence or two.")
    description = serializers.CharField(help_text="The model explained, in Markdown.")
    recommendations = RecommendationSerializer(many=True)


class MotivationSerializer(TranslationsMixin, FilteredCasesMixin, MotivationRefSerializer):
    translated = ("name", "summary", "description")
    case_filter = "motivation"
    summary = serializers.CharField(help_text="The motivation in a sentence or two.")
    description = serializers.CharField(help_text="The motivation explained, in Markdown.")


class LessonSerializer(TranslationsMixin, serializers.Serializer):
    translated = ("text",)
    id = serializers.IntegerField()
    kind = part_field("lessons", "kind", serializers.ChoiceField)
    text = part_field("lessons", "text")
    url = serializers.SerializerMethodField()
    case = CaseRefSerializer(source="initiative")
    collaboration_model = ModelRefSerializer(allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, lesson):
        return site_root(self.context.get("request")) + lesson.get_absolute_url()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class InvalidParametersSerializer(ErrorSerializer):
    invalid_parameters = serializers.DictField(
        child=serializers.CharField(), help_text="Why each rejected parameter was rejected."
    )


class ProblemSerializer(serializers.Serializer):
    """An RFC 9457 problem (application/problem+json), as collab_atlas.errors writes it."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
