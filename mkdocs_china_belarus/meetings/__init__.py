"""China-Belarus leader meetings: each article's reports of them, grouped across
articles into meetings. Pure Python, no MkDocs import.

Reading one article
-------------------
The title and kept lines are cut into sentences, and sentences into clauses. A
*mention* is a sentence with a meeting cue (met, held talks, state visit, phone
call, ...) and the people it names (the registry's people, a pronoun standing for
the person named just before, or a title such as "the Belarusian president" read
through the registry's countries and roles). A clause with a cue and no name ("the
talks", "during the visit", "the two leaders") continues the mention just before it
(or the article's lead meeting). The date and place of a mention are read from the
clause of its cue (a date that opens the sentence counts too), never from the
publication date alone.

Mentions of one article are merged into *reports*: mentions whose dates overlap and
whose places and people are compatible describe one meeting; undated mentions join
the article's lead meeting when they can. A report is kept when it is a China-Belarus
meeting: people of both countries with at least one leader (president, premier,
prime minister, vice-president, as the registry says for that year), or a leader of
one country visiting the other with the counterpart unnamed. The lead report (and any
report not recalling an earlier meeting) is the article's news; reports of meetings
well before another one in the same article are background.

Grouping
--------
Dated reports are grouped by overlapping dates (a sweep over reports sorted by date:
linear in practice) with compatible places (a city is compatible with its country)
and at least one participant in common; reports dated only to a month or year join a
group only when exactly one fits. An undated report joins a dated meeting only on
evidence: a quotation of five or more words (or a long identical passage) it shares
with a report of that meeting, found through an index of 5-word shingles. It keeps
its own `date: null` with `date_basis: "inferred"`.

Knowledge lives in `data/topics.yml` and `data/framing.yml` (validated on load,
cached); the built-in vocabulary (`lexicons.py`) is the grammar of meeting reports.

Modules
-------
`results` (the frozen records), `sentences` (text helpers, sentences, clauses, words),
`lexicons` (knowledge files and cue vocabulary), `dates` (finding and resolving dates),
`mentions` (sentences and meeting mentions), `article` (reading one article into draft
reports), `grouping` (reports across articles), `freeze` (drafts to records). Imports
run one way, in that order; this module holds the entry points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..models import Article
from ..rules import DataFileError
from .article import _ArticleReader, _Draft
from .dates import find_dates, resolve_date
from .freeze import group_reports
from .lexicons import Lexicon, load_framing, load_lexicon, load_topics
from .mentions import _Reader, places_compatible
from .results import (
    LEADER_ROLES,
    SIDES,
    Agreement,
    Attribution,
    Found,
    Meeting,
    Named,
    Report,
    TopicFound,
)
from .sentences import split_clauses, split_sentences

__all__ = [
    "DataFileError", "Found", "Named", "Agreement", "TopicFound", "Attribution", "Report", "Meeting",
    "Lexicon", "load_lexicon", "load_topics", "load_framing", "find_meetings", "find_dates", "resolve_date",
    "places_compatible", "LEADER_ROLES", "SIDES", "make_reader", "read_reports", "meetings_from_reports",
    "group_reports", "split_sentences", "split_clauses",
]


def make_reader(registry, matcher, lexicon: Lexicon | None = None) -> _Reader:
    """What reading one article needs (registry, matcher, lexicons), built once per corpus."""
    return _Reader(registry, matcher, lexicon or load_lexicon())


def read_reports(article: Article, reader: _Reader) -> tuple[_Draft, ...]:
    """The article's own reading: its meeting reports before grouping. It depends on
    the article, the registry and the lexicons only, so it can be cached by content
    and computed in a worker process (drafts pickle)."""
    return tuple(_ArticleReader(reader, article).read())


def meetings_from_reports(per_article: Iterable[Sequence[_Draft]], reader: _Reader, families=()) -> list[Meeting]:
    """Group the articles' reports (from `read_reports`) into meetings; `families`
    (`families.Family`, optional): the reports of a copy follow those of its story's
    original. The drafts are copied first: grouping writes into them, and cached
    drafts are read again on the next build."""
    drafts = [replace(d, inferred=None, inferred_from=None, inferred_words="", group_flags=[])
              for ds in per_article for d in ds]
    if not drafts:
        return []
    return group_reports(drafts, reader, families)


def find_meetings(articles: Iterable[Article], registry, matcher, lexicon: Lexicon | None = None) -> list[Meeting]:
    """Every China-Belarus leader meeting reported in `articles`, oldest first,
    undated last; each with one report per article that reports it."""
    if registry is None or matcher is None:
        return []
    reader = make_reader(registry, matcher, lexicon)
    return meetings_from_reports((read_reports(a, reader) for a in articles), reader)
