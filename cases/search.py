"""Full-text search over case studies.

On PostgreSQL each case keeps a weighted ``search_vector`` (title A, summary B, the
guide's answers C, lessons and the organisations' names and aliases D) and a folded
``search_text`` (title, summary, organisations), both maintained by triggers (migration
``cases/0004``). Words are folded with ``unaccent`` on both sides, so "Panstwo" finds
"Państwo"; every word of a query matches as a prefix of a word anywhere in the case, or
inside a word of the title, summary or an organisation's name ("panstwo" finds
"ePaństwo"), with trigram indexes serving both.

SQLite has no such search; it gets an ``unaccent`` SQL function written in Python so
that the simpler ``icontains`` search is accent-insensitive too.
"""

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import (
    SearchConfig,
    SearchQueryField,
    SearchRank,
)
from django.db import connections
from django.db.models import BooleanField, Expression, F, Func, Q, TextField, Value
from django.db.models.functions import Concat
from django.db.models.lookups import Contains

CONFIG = "simple"
MAX_WORDS = 12
WORD = re.compile(r"\w+")
# A dotted name ("ManaBalss.lv", "luftdaten.info"): PostgreSQL's parser keeps it as one
# word, so a search for it must too.
DOTTED = re.compile(r"\w+(?:\.\w+)+")

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)


def fold(text):
    """``text`` without accents: what SQLite's ``unaccent`` returns."""
    if text is None:
        return None
    text = str(text)
    if text.isascii():
        # Nothing to fold, and most words are plain ASCII: a list page folds each word
        # of every title and summary shown to mark what matched.
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The distinct words of a query, in order, at most MAX_WORDS of them."""
    return list(dict.fromkeys(WORD.findall(text or "")))[:MAX_WORDS]


def uses_vectors(using="default"):
    return connections[using].vendor == "postgresql"


def prefix_query(text, operator="&"):
    """A ``to_tsquery`` expression matching every word of ``text`` as a prefix, or None.

    With ``operator="|"`` any one word is enough (for ranking partial matches).
    """
    return _prefix_query(words(text), operator)


def _prefix_query(terms, operator="&"):
    """Each of ``terms`` as a prefix lexeme, joined by ``operator``.

    Each term is folded by ``unaccent`` and then quoted as a lexeme, in SQL: folding can
    turn a word character into punctuation ("⑴" becomes "(1)"), which unquoted would be
    tsquery syntax.
    """
    if not terms:
        return None
    parts = []
    for term in terms:
        if parts:
            parts.append(Value(f" {operator} "))
        folded = Func(Value(term), function="atlas_unaccent", output_field=TextField())
        parts += [Func(folded, function="quote_literal", output_field=TextField()), Value(":*")]
    return Func(
        SearchConfig(CONFIG),
        Concat(*parts, output_field=TextField()),
        function="to_tsquery",
        output_field=SearchQueryField(),
    )


class Matches(Func):
    """``vector @@ query`` as a boolean expression usable in ``filter()``."""

    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


# Shorter words would match inside too many others, and trigrams cannot serve them.
MIN_INSIDE_WORD = 3

# The parts a search condition can be rendered in (``branch``). A condition holds a
# case when its words match through the vector alone (VECTORS) or when some word is
# found inside the search text (TEXTS): two conditions that each index answers without
# reading a case's vector, where the whole condition makes PostgreSQL unpack the vector
# of every case the trigram index only might match. Counting the facets of a search
# reads the union of the two (``cases.facet_keys``): half the time at 100,000 cases.
WHOLE, VECTORS, TEXTS = "whole", "vectors", "texts"
_branch = ContextVar("search_branch", default=WHOLE)


@contextmanager
def branch(part):
    """Render search conditions compiled inside as ``part`` (VECTORS or TEXTS)."""
    token = _branch.set(part)
    try:
        yield
    finally:
        _branch.reset(token)


class _Branched(Expression):
    """A search condition rendered for the branch being compiled."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, *conditions):
        super().__init__()
        self.conditions = list(conditions)

    def get_source_expressions(self):
        return self.conditions

    def set_source_expressions(self, exprs):
        self.conditions = list(exprs)

    def _or(self, compiler):
        parts, params = [], []
        for condition in self.conditions:
            sql, condition_params = compiler.compile(condition)
            parts.append(sql)
            params += condition_params
        return "(" + " OR ".join(parts) + ")", params


class InsideWords(_Branched):
    """The search text contains a word: false in the VECTORS branch."""

    def __init__(self, folded):
        super().__init__(Contains(F("search_text"), folded))

    def as_sql(self, compiler, connection):
        if _branch.get() == VECTORS:
            return "false", []
        return self._or(compiler)


class AnyInsideWords(_Branched):
    """One of the words is inside the search text: what the TEXTS branch adds to the
    whole condition (true otherwise)."""

    def __init__(self, *folded_words):
        super().__init__(*(Contains(F("search_text"), folded) for folded in folded_words))

    def as_sql(self, compiler, connection):
        if _branch.get() != TEXTS:
            return "true", []
        return self._or(compiler)


class NotThroughVectors(_Branched):
    """In the TEXTS branch, that ``condition`` does not hold through the vectors alone,
    so that the two branches never hold the same case and their union needs no
    de-duplication (a quarter of a search's facet count at 100,000 cases); true in the
    other branches."""

    def as_sql(self, compiler, connection):
        if _branch.get() != TEXTS:
            return "true", []
        with branch(VECTORS):
            sql, params = self._or(compiler)
        # IS NOT TRUE, not NOT: a case without a vector is found through its text alone.
        return f"({sql}) IS NOT TRUE", params


def match(text):
    """A filter matching cases that hold every word of ``text``, or None without words.

    Each word matches as a prefix of any indexed word (the vector) or, from three
    letters on, anywhere inside the title, summary or an organisation's name. A dotted
    name ("ManaBalls.lv") also matches as the one word the index holds for it.
    """
    terms = words(text)
    if not terms:
        return None
    names = list(dict.fromkeys(DOTTED.findall(text)))[:MAX_WORDS]
    in_names = {term for name in names for term in words(name)}
    inside = []
    condition = Q()
    for term in terms:
        if term not in in_names:
            condition &= _word_found(term, inside)
    for name in names:
        # The whole name as the index holds it, or each of its words anywhere.
        folded = fold(name).lower()
        inside.append(folded)
        whole = Q(InsideWords(folded)) | Q(Matches(F("search_vector"), _prefix_query([name])))
        parts = Q()
        for term in words(name):
            parts &= _word_found(term, inside)
        condition &= whole | parts
    if inside:
        condition &= Q(AnyInsideWords(*dict.fromkeys(inside))) & Q(NotThroughVectors(condition))
    return condition


def _word_found(term, inside):
    # The search text first: where it holds the word, the vector is never unpacked.
    found = Q(Matches(F("search_vector"), prefix_query(term)))
    folded = fold(term).lower()
    if len(folded) >= MIN_INSIDE_WORD:
        inside.append(folded)
        found = Q(InsideWords(folded)) | found
    return found


# Candidate texts read to find the word a mistyped one was meant to be.
CANDIDATES = 20


def correct(queryset, text):
    """``text`` with each word that matches nothing replaced by the nearest word in the
    catalogue's titles, summaries and organisation names, or None if nothing changed.

    PostgreSQL only: trigram word similarity (``<%``), served by the trigram index.
    """
    if not uses_vectors(queryset.db):
        return None
    condition = match(text)
    if condition is None or finds_any(queryset, condition):
        return None
    terms = words(text)
    corrected, changed = [], False
    for term in terms:
        folded = fold(term).lower()
        if len(folded) < MIN_INSIDE_WORD or finds_any(queryset, match(term)):
            corrected.append(term)
            continue
        # Any texts holding a word similar enough, not the most similar ones: ranking
        # them all scored every text sharing a few trigrams with the word (for a common
        # word misspelt, thousands: two seconds at 100,000 cases).
        texts = (
            queryset.filter(search_text__trigram_word_similar=folded)
            .order_by()
            .values_list("search_text", flat=True)[:CANDIDATES]
        )
        nearest = _nearest_word(folded, texts)
        if nearest and nearest != folded:
            corrected.append(nearest)
            changed = True
        else:
            corrected.append(term)
    return " ".join(corrected) if changed else None


def finds_any(queryset, condition):
    """Whether ``queryset.filter(condition)`` (a search) holds any case, asked of each
    branch in turn. Asked of the whole condition, PostgreSQL expects a match early and
    reads the table until it finds one: all of it, unpacking every vector, for a word
    the catalogue lacks (a second at 100,000 cases, against a few milliseconds)."""
    for part in (VECTORS, TEXTS):
        with branch(part):
            if queryset.filter(condition).exists():
                return True
    return False


def _nearest_word(word, texts):
    candidates = {candidate for text in texts for candidate in WORD.findall(text)}
    scored = [(_trigram_similarity(word, candidate), candidate) for candidate in candidates]
    best = max(scored, default=(0, None))
    return best[1] if best[0] >= 0.4 else None


def _trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _trigram_similarity(a, b):
    """pg_trgm's similarity(): shared trigrams over all trigrams of the two words."""
    first, second = _trigrams(a), _trigrams(b)
    return len(first & second) / len(first | second)


def rank(text):
    """Relevance: higher for more words matched, and in weightier fields."""
    return SearchRank(F("search_vector"), prefix_query(text, operator="|"))


def update_vectors(using="default"):
    """Recompute every stored vector: a repair tool, since triggers keep them current.

    Touching a case's vector is enough: the row trigger computes it afresh.
    """
    if uses_vectors(using):
        with connections[using].cursor() as cursor:
            cursor.execute("UPDATE cases_initiative SET search_vector = NULL")


def register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, fold, deterministic=True)
