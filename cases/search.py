"""Full-text search over case studies.

On PostgreSQL each case keeps a weighted ``search_vector`` (title A, summary B, the
guide's answers C, lessons and the organisations' names and aliases D), stored so that
no query recomputes it. Words are folded with ``unaccent`` on both sides, so "Panstwo"
finds "Państwo", and every word of a query matches as a prefix.

SQLite has no such search; it gets an ``unaccent`` SQL function written in Python so
that the simpler ``icontains`` search is accent-insensitive too.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchConfig, SearchQueryField, SearchRank
from django.db import connections
from django.db.models import BooleanField, F, Func, TextField, Value
from django.db.models.functions import Concat

CONFIG = "simple"
MAX_WORDS = 12
WORD = re.compile(r"\w+")

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)

# The vector is rebuilt in one statement from the case, its lessons and its actors.
_VECTOR_SQL = """
UPDATE cases_initiative AS i SET search_vector =
    setweight(to_tsvector('simple', atlas_unaccent(coalesce(i.title, ''))), 'A')
 || setweight(to_tsvector('simple', atlas_unaccent(coalesce(i.summary, ''))), 'B')
 || setweight(to_tsvector('simple', atlas_unaccent(
        concat_ws(' ', i.aim, i.description, i.initiation, i.funding))), 'C')
 || setweight(to_tsvector('simple', atlas_unaccent(concat_ws(' ',
        (SELECT string_agg(l.text, ' ') FROM cases_lesson AS l WHERE l.initiative_id = i.id),
        (SELECT string_agg(concat_ws(' ', a.name, a.aliases), ' ')
           FROM cases_involvement AS v JOIN cases_actor AS a ON a.id = v.actor_id
          WHERE v.initiative_id = i.id)))), 'D')
"""


def fold(text):
    """``text`` without accents: what SQLite's ``unaccent`` returns."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_UNDECOMPOSABLE))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The distinct words of a query, in order, at most MAX_WORDS of them."""
    return list(dict.fromkeys(WORD.findall(text or "")))[:MAX_WORDS]


def uses_vectors(using="default"):
    return connections[using].vendor == "postgresql"


def prefix_query(text):
    """A ``to_tsquery`` expression matching every word of ``text`` as a prefix, or None.

    Each word is folded by ``unaccent`` and then quoted as a lexeme, in SQL: folding can
    turn a word character into punctuation ("⑴" becomes "(1)"), which unquoted would be
    tsquery syntax.
    """
    terms = words(text)
    if not terms:
        return None
    parts = []
    for term in terms:
        if parts:
            parts.append(Value(" & "))
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


def vector_match(query):
    return Matches(F("search_vector"), query)


def vector_rank(query):
    return SearchRank(F("search_vector"), query)


def update_vectors(initiative_ids=None, actor_id=None, using="default"):
    """Recompute stored vectors: of some cases, of an actor's cases, or of all (no argument)."""
    if not uses_vectors(using):
        return
    sql, params = _VECTOR_SQL, []
    if initiative_ids is not None:
        ids = [pk for pk in initiative_ids if pk is not None]
        if not ids:
            return
        sql += " WHERE i.id = ANY(%s)"
        params.append(ids)
    elif actor_id is not None:
        sql += " WHERE i.id IN (SELECT initiative_id FROM cases_involvement WHERE actor_id = %s)"
        params.append(actor_id)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)


def register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, fold, deterministic=True)
