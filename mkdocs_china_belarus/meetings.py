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
cached); the vocabulary below is English grammar of meeting reports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from .models import Article
from .rules import DataFileError, read_yaml

__all__ = [
    "DataFileError", "Found", "Named", "Agreement", "TopicFound", "Attribution", "Report", "Meeting",
    "Lexicon", "load_lexicon", "load_topics", "load_framing", "find_meetings", "find_dates", "resolve_date",
    "places_compatible", "LEADER_ROLES", "SIDES",
]

SIDES = ("china", "belarus")
LEADER_ROLES = frozenset({"president", "vice-president", "premier", "prime-minister"})

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Found:
    """A piece of text read from one raw line."""

    text: str
    line: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(self.text.split()))


@dataclass(frozen=True)
class Named:
    """How a source names a participant: the title or epithet near the name."""

    entity_id: str
    name: str  # canonical name
    phrase: str  # as written
    line: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrase", " ".join(self.phrase.split()))


@dataclass(frozen=True)
class Agreement:
    text: str
    count: int | None
    line: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(self.text.split()))


@dataclass(frozen=True)
class TopicFound:
    id: str
    label: str
    words: str  # the cue as written (or the entity name)
    line: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", " ".join(self.words.split()))


@dataclass(frozen=True)
class Attribution:
    wires: tuple[str, ...] = ()  # wires the article credits (metadata)
    dateline: str | None = None
    cited: tuple[Found, ...] = ()  # agencies and outlets named near the meeting
    wire_details: tuple[tuple[str, str | None, str | None], ...] = ()  # (wire, country, ownership)


@dataclass(frozen=True)
class Report:
    """One article's report of one meeting."""

    article: str
    kind: str  # "news" | "background"
    date: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    end_date: str | None
    date_basis: str  # explicit | relative | inferred | unknown
    date_evidence: str
    date_line: int | None
    place: str | None  # canonical name
    place_id: str | None
    place_line: int | None
    participants: tuple[str, ...]  # canonical names
    participant_ids: tuple[str, ...]
    participant_lines: tuple[int, ...]
    format: str | None
    format_line: int | None
    named_as: tuple[Named, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    quotes: tuple[Found, ...] = ()
    topics: tuple[TopicFound, ...] = ()
    framing: tuple[Found, ...] = ()
    flags: tuple[Found, ...] = ()  # line 0: not tied to one line
    lines: tuple[int, ...] = ()
    outlet: str | None = None
    outlet_id: str | None = None
    outlet_country: str | None = None
    outlet_ownership: str | None = None
    published: str | None = None
    attribution: Attribution = Attribution()
    inferred_date: str | None = None
    inferred_end_date: str | None = None
    inferred_from: tuple[str, int] | None = None  # (article, line) the date was inferred from
    title: str = ""

    @property
    def effective_date(self) -> str | None:
        return self.date or self.inferred_date

    @property
    def flag_texts(self) -> list[str]:
        return [f.text for f in self.flags]


@dataclass(frozen=True)
class Meeting:
    id: str
    date: str | None
    end_date: str | None
    place: str | None
    place_id: str | None
    participants: tuple[str, ...]
    participant_ids: tuple[str, ...]
    format: str | None
    reports: tuple[Report, ...]
    flags: tuple[str, ...] = ()
    date_basis: str = "unknown"  # best basis among the reports

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(r.article for r in self.reports))


# ------------------------------------------------------------------ knowledge files


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    cues: tuple[str, ...]
    entities: tuple[str, ...]


@dataclass(frozen=True)
class FramingCue:
    id: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    phrase: str
    role: str | None
    kind: str


@dataclass(frozen=True)
class Lexicon:
    topics: tuple[Topic, ...]
    cues: tuple[FramingCue, ...]
    titles: tuple[Title, ...]
    demonyms: tuple[tuple[str, str], ...]  # (form, country id)
    files: tuple[str, ...] = ()

    @property
    def title_regex(self) -> str:
        return _alternation([t.phrase for t in self.titles])

    @property
    def demonym_regex(self) -> str:
        return _alternation([d for d, _ in self.demonyms])

    def title_role(self, phrase: str) -> str | None:
        key = _norm(phrase).casefold().strip()
        for t in sorted(self.titles, key=lambda t: -len(t.phrase)):
            if key.endswith(_norm(t.phrase).casefold()):
                return t.role
        return None

    @cached_property
    def phrases(self) -> "_Phrases":
        """Every topic cue and framing form, matched in one pass per sentence."""
        items = [(c, ("topic", t.id)) for t in self.topics for c in t.cues]
        items += [(f, ("cue", c.id)) for c in self.cues for f in c.forms]
        return _Phrases(items)

    def demonym_country(self, form: str) -> str | None:
        key = _norm(form).casefold().strip()
        for d, c in self.demonyms:
            if _norm(d).casefold() == key:
                return c
        return None


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _read(path: str | None, default: str) -> tuple[str, str]:
    if path is None:
        name = f"mkdocs_china_belarus/data/{default}"
        return name, resources.files("mkdocs_china_belarus").joinpath("data", default).read_text(encoding="utf-8")
    try:
        return str(path), Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _strings(value: object, err, what: str, allow_empty: bool = False) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list):
        err(f"'{what}' must be a list of strings, not {type(value).__name__}")
    out = []
    for j, item in enumerate(value, 1):
        if not isinstance(item, str) or not item.strip():
            err(f"'{what}' item {j} must be a non-empty string, not {item!r}")
        out.append(item.strip())
    if not out and not allow_empty:
        err(f"'{what}' must not be empty")
    return tuple(dict.fromkeys(out))


def _entries(data: object, name: str, key: str) -> list:
    if not isinstance(data, dict) or key not in data:
        got = "an empty file" if data is None else type(data).__name__
        raise DataFileError(f"{name}: the top level must be a mapping with a '{key}:' list, not {got}")
    items = data[key]
    if not isinstance(items, list) or not items:
        raise DataFileError(f"{name}: '{key}' must be a non-empty list")
    return items


def _entry_err(name: str, section: str, i: int, entry: object):
    label = f" ('{entry['id']}')" if isinstance(entry, dict) and isinstance(entry.get("id"), str) else ""

    def err(problem: str):
        raise DataFileError(f"{name}: {section} entry {i}{label}: {problem}")

    return err


def _check_keys(entry: object, allowed: set, required: Iterable[str], err) -> None:
    if not isinstance(entry, dict):
        err(f"must be a mapping with {', '.join(sorted(allowed))}, not {type(entry).__name__}")
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        err(f"unknown key(s) {', '.join(repr(k) for k in unknown)} (allowed: {', '.join(sorted(allowed))})")
    for k in required:
        if k not in entry:
            err(f"missing '{k}'")


def _check_id(entry: dict, err, seen: dict[str, int], i: int) -> str:
    ident = entry.get("id")
    if not isinstance(ident, str) or not _ID.match(ident.strip()):
        err(f"id must be kebab-case (lowercase letters, digits, single hyphens), not {ident!r}")
    ident = ident.strip()
    if ident in seen:
        err(f"duplicate id (first used by entry {seen[ident]})")
    seen[ident] = i
    return ident


def _parse_topics(name: str, text: str) -> tuple[Topic, ...]:
    data = read_yaml(name, text)
    if isinstance(data, dict):
        extra = sorted(str(k) for k in data if k != "topics")
        if extra:
            raise DataFileError(f"{name}: unknown top-level key(s) {', '.join(map(repr, extra))} (allowed: topics)")
    out, seen = [], {}
    for i, entry in enumerate(_entries(data, name, "topics"), 1):
        err = _entry_err(name, "topics", i, entry)
        _check_keys(entry, {"id", "label", "cues", "entities"}, ("id", "label"), err)
        ident = _check_id(entry, err, seen, i)
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            err("label must be a non-empty string")
        cues = _strings(entry.get("cues"), err, "cues", allow_empty=True)
        ents = _strings(entry.get("entities"), err, "entities", allow_empty=True)
        for e in ents:
            if not _ID.match(e):
                err(f"entity id {e!r} is not kebab-case")
        if not cues and not ents:
            err("needs 'cues' or 'entities'")
        _check_cues(cues, err)
        out.append(Topic(ident, label.strip(), cues, ents))
    return tuple(out)


def _parse_framing(name: str, text: str) -> tuple[tuple[FramingCue, ...], tuple[Title, ...], tuple[tuple[str, str], ...]]:
    data = read_yaml(name, text)
    if isinstance(data, dict):
        extra = sorted(str(k) for k in data if k not in ("cues", "titles", "demonyms"))
        if extra:
            raise DataFileError(f"{name}: unknown top-level key(s) {', '.join(map(repr, extra))} "
                                "(allowed: cues, titles, demonyms)")
    cues, seen = [], {}
    for i, entry in enumerate(_entries(data, name, "cues"), 1):
        err = _entry_err(name, "cues", i, entry)
        _check_keys(entry, {"id", "forms"}, ("id", "forms"), err)
        ident = _check_id(entry, err, seen, i)
        forms = _strings(entry.get("forms"), err, "forms")
        _check_cues(forms, err)
        cues.append(FramingCue(ident, forms))
    titles = []
    for i, entry in enumerate(data.get("titles") or [], 1):
        err = _entry_err(name, "titles", i, entry)
        _check_keys(entry, {"phrase", "role", "kind"}, ("phrase",), err)
        phrase = entry.get("phrase")
        if not isinstance(phrase, str) or not phrase.strip():
            err("phrase must be a non-empty string")
        role = entry.get("role")
        if role is not None and (not isinstance(role, str) or not _ID.match(role)):
            err(f"role must be a kebab-case registry role such as 'president', not {role!r}")
        kind = entry.get("kind", "title")
        if kind not in ("title", "epithet"):
            err(f"kind must be 'title' or 'epithet', not {kind!r}")
        titles.append(Title(phrase.strip(), role, kind))
    dem = data.get("demonyms") or {}
    if not isinstance(dem, dict):
        raise DataFileError(f"{name}: 'demonyms' must map a country id to a list of words")
    demonyms = []
    for country, forms in dem.items():
        def err(problem: str, country=country):
            raise DataFileError(f"{name}: demonyms entry {country!r}: {problem}")

        if not isinstance(country, str) or not _ID.match(country):
            err("the key must be a country id of the registry (kebab-case)")
        demonyms.extend((f, country) for f in _strings(forms, err, "forms"))
    return tuple(cues), tuple(titles), tuple(demonyms)


@lru_cache(maxsize=8)
def load_topics(path: str | None = None) -> tuple[Topic, ...]:
    """Topics from `data/topics.yml` (or another file of the same shape)."""
    return _parse_topics(*_read(path, "topics.yml"))


@lru_cache(maxsize=8)
def load_framing(path: str | None = None):
    """(cues, titles, demonyms) from `data/framing.yml` (or another file)."""
    return _parse_framing(*_read(path, "framing.yml"))


@lru_cache(maxsize=8)
def load_lexicon(topics_path: str | None = None, framing_path: str | None = None) -> Lexicon:
    topics = load_topics(topics_path)
    cues, titles, demonyms = load_framing(framing_path)
    return Lexicon(topics, cues, titles, demonyms,
                   (topics_path or "data/topics.yml", framing_path or "data/framing.yml"))


# ------------------------------------------------------------------- text helpers

_TABLE = str.maketrans({**{c: "'" for c in "\u2019\u2018\u02bc\u2032\uff07`"},
                        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"},
                        **{c: " " for c in "\u00a0\u2009\u202f\u2007\u200a"}})


def _norm(text: str) -> str:
    """Apostrophes, dashes and odd spaces unified; same length as `text`."""
    return text.translate(_TABLE)


def _alternation(phrases: Iterable[str]) -> str:
    parts = sorted({_norm(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def _check_cues(phrases: Sequence[str], err) -> None:
    """Cues are words or phrases; '*' may only end one (any word ending)."""
    for p in phrases:
        core = p[:-1] if p.endswith("*") else p
        if not core.strip():
            err(f"cue {p!r} is empty")
        if "*" in core:
            err(f"cue {p!r}: '*' may only end a cue (write the spellings out)")


def _fold(text: str) -> str:
    """Lower case, same length as `text`."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _wordch(c: str) -> bool:
    return c.isalnum() or c == "_"


class _Phrases:
    """Whole-word matching of many phrases at once (Aho-Corasick over the folded
    text): case-insensitive, except short all-caps phrases (UN, SCO); straight and
    curly apostrophes, hyphens and dashes are the same; a trailing * takes any
    word ending."""

    def __init__(self, items: Iterable[tuple[str, object]]) -> None:
        by_key: dict[str, list[tuple]] = defaultdict(list)
        for phrase, payload in items:
            p = _norm(phrase.strip())
            star = p.endswith("*")
            core = " ".join((p[:-1] if star else p).split())
            if not core:
                continue
            sensitive = len(core) <= 5 and core.isupper()
            by_key[_fold(core)].append((payload, star, sensitive, core, len(core)))
        self.auto = None
        if by_key:
            self.auto = ahocorasick.Automaton()
            for key, vals in by_key.items():
                self.auto.add_word(key, tuple(vals))
            self.auto.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, object]]:
        """(start, end, payload) of every match, in order of start."""
        if self.auto is None or not text:
            return []
        norm = _norm(text)
        n = len(norm)
        out = []
        for last, vals in self.auto.iter(_fold(norm)):
            for payload, star, sensitive, core, size in vals:
                s, e = last - size + 1, last + 1
                if sensitive and norm[s:e] != core:
                    continue
                if _wordch(core[0]) and s > 0 and _wordch(norm[s - 1]):
                    continue
                if star:
                    while e < n and (_wordch(norm[e]) or norm[e] in "'-"):
                        e += 1
                    e = e - 1 if norm[e - 1] in "'-" else e
                elif _wordch(core[-1]) and e < n and _wordch(norm[e]):
                    continue
                out.append((s, e, payload))
        out.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        return out


_ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "prof", "gov", "lt", "col", "sgt", "capt", "jan",
           "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc",
           "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "e.g", "i.e", "approx", "fig", "vol", "pp", "p", "mt"}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")


_LAST_WORD = re.compile(r"([\w.]+)\.?$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘«(["):
            continue
        before = text[start:m.start() + 1]
        word = _LAST_WORD.search(before)
        if text[m.start()] == "." and word:
            w = word.group(1).rstrip(".").casefold()
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


_CLAUSE_SPLIT = re.compile(
    r";|\s-\s|\s--\s|,\s+(?=(?:which|who|whose|while|whereas|although|though|but|as\s+well\s+as)\b)"
    r"|\s(?=(?:before|after|since|until|following|whereas|while|although|though|because)\s)", re.I)


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    out.append((start, len(sentence)))
    return [(s, e) for s, e in out if sentence[s:e].strip()]


# ------------------------------------------------------------- meeting vocabulary

# (format, cue) in order of precedence: the most specific format found wins.
_FORMAT_CUES: tuple[tuple[str, str], ...] = (
    ("state visit", r"\bstate\s+visits?\b"),
    ("official visit", r"\bofficial\s+(?:friendly\s+)?visits?\b"),
    ("working visit", r"\bworking\s+visits?\b"),
    ("sidelines of a summit", r"\bsidelines\b|\bon\s+the\s+margins?\s+of\b"),
    ("video call", r"\bvideo\s*(?:call|link|conference|talks?|meeting|chat)s?\b|\bvideoconferenc\w*|\bvirtual\s+(?:meeting|talks|summit)\b|\bvia\s+video\b"),
    ("phone call", r"\b(?:tele)?phone\s+(?:call|conversation|talks?)s?\b|\bby\s+(?:tele)?phone\b|\bover\s+the\s+(?:tele)?phone\b|\b(?:tele)?phoned\b"),
    ("talks", r"(?i:\b(?:held|hold|holds|holding)\s+(?:\w+\s+){0,2}?(?:talks|meetings?|negotiations|discussions|consultations)\b"
              r"|\btalks\b|\bnegotiations\b|\bmet\b|\bmeets\b|\bmeet\b|\bmeeting\b|\bencounter\b|\bexchanged\s+views\b"
              r"|\bshook\s+hands\b|\bsummit\b|\bdiscussions?\b|\bconversation\b)"
              r"|(?i:\bspoke\s+(?:with|to))\s+(?=[A-Z]|the\s)"
              r"|(?i:\b(?:received|receives|receiving|welcom(?:ed|es|ing)))\s+"
              r"(?=[A-Z]|(?i:the\s+(?:visiting|[\w-]+\s+(?:president|leader|premier|prime))))"
              r"|(?i:\bhost(?:ed|s|ing))\s+(?=[A-Z])"),
    ("visit", r"(?i:\bvisit(?:s|ed|ing)?\b|\btrip\s+to\b|\barriv(?:ed|es|ing|e)\s+in\b|\barrival\b|\btour\s+of\b)"),
)
# The same formats in Russian and Belarusian reports (stems; case-insensitive).
_FORMAT_CUES_CYR: dict[str, str] = {
    "state visit": r"\bгосударственн\w+\s+визит\w*|\bдзяржаўн\w+\s+візіт\w*",
    "official visit": r"\bофициальн\w+\s+визит\w*|\bафіцыйн\w+\s+візіт\w*",
    "working visit": r"\bрабоч\w+\s+визит\w*|\bрабоч\w+\s+візіт\w*",
    "sidelines of a summit": r"\bна\s+полях\b|\bна\s+палях\b",
    "video call": r"\bвидеосвяз\w*|\bвидеоконференц\w*|\bвідэасувяз\w*",
    "phone call": r"\bтелефонн\w+\s+разговор\w*|\bпо\s+телефону\b|\bтэлефонн\w+\s+размов\w*",
    "talks": r"\bпереговор\w*|\bвстрет\w*|\bвстреч\w*|\bбесед\w*|\bперамов\w*|\bсустрэ\w*",
    "visit": r"\bвизит\w*|\bпосети\w*|\bпосеща\w*|\bприбыл\w*\s+в\b|\bвізіт\w*|\bнаведа\w*",
}
_FORMAT_RX = tuple((f, re.compile(p if f in ("talks", "visit") else f"(?i:{p})"),
                    re.compile(_FORMAT_CUES_CYR[f], re.I)) for f, p in _FORMAT_CUES)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Any cue at all: most clauses have none, and one search settles them.
_ANY_FORMAT = re.compile("|".join([f"(?:{rx.pattern})" for _, rx, _ in _FORMAT_RX]
                                  + [f"(?i:{rx.pattern})" for _, _, rx in _FORMAT_RX]))
# A joint act of both leaders ("Xi and Lukashenko jointly announced") counts as a
# meeting only when people of both countries are named in the clause.
_JOINT = re.compile(r"\bjointly\b|\btogether\b|\bjoint\s+(?:statement|declaration|press)\b|\bsigned\b|\bagreed\b", re.I)
# Definite references to a meeting already named, or to its two sides.
_ANAPHOR = re.compile(
    r"\b(?:the|this|that|these|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|visit|trip|discussions?|"
    r"negotiations|encounter|summit|conversation|call)\b"
    r"|\b(?:the\s+two|both)\s+(?:leaders|presidents|heads\s+of\s+state|sides|men|statesmen)\b"
    r"|\bthe\s+two\b(?=\s+(?:met|held|discussed|talked|agreed|signed|exchanged|also|have|had)\b)"
    r"|\bthey\b(?=\s+(?:met|held|discussed|talked|agreed|signed|exchanged)\b)", re.I)
# A title after these words is generic ("a Chinese president") or an institution
# ("the press service of the Belarusian president"), not a person at the meeting.
_NOT_A_PERSON = re.compile(r"(?i:\b(?:a|an|any|every|another|no|former|late)\s+$|\b(?:service|office|administration|"
                           r"spokes(?:man|woman|person)|website|secretariat|chancellery|residence|decree|order)"
                           r"\s+(?:of|for)\s+(?:the\s+)?$)")
_PLURAL = re.compile(
    r"\b(?:the\s+two|both)\s+(?:leaders|presidents|heads\s+of\s+state|sides|men|statesmen)\b"
    r"|\bthe\s+two\b(?=\s+(?:met|held|discussed|talked|agreed|signed|exchanged|also|have|had)\b)"
    r"|\bthey\b(?=\s+(?:met|held|discussed|talked|agreed|signed|exchanged)\b)", re.I)
_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_HABITUAL = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens\s+of|several|many|"
                       r"numerous|multiple)\s+times\b|\bregularly\b|\bevery\s+year\b|\bannually\b|\boften\b|"
                       r"\bfrequently\b|\bhigh-level\s+visits\b", re.I)
_RECALL = re.compile(r"\bpreviously\b|\bearlier\s+(?:visit|meeting|talks)\b|\bin\s+the\s+past\b|\byears?\s+ago\b|"
                     r"\bback\s+in\b|\blast\s+(?:visited|met)\b|\bprevious\s+(?:visit|meeting|talks)\b", re.I)
_PREVIEW = re.compile(r"\bwill\b|\b(?:is|are)\s+(?:due|expected|set|scheduled|going|slated)\s+to\b|\bplans?\s+to\b|"
                      r"\b(?:is|are)\s+(?:paying|visiting|making|holding|on\s+a)\b|\bupcoming\b|\bforthcoming\b|"
                      r"\bahead\s+of\b|\bto\s+pay\s+a\b", re.I)
_PAST = re.compile(r"\b(?:met|held|visited|welcomed|received|hosted|talked|signed|discussed|exchanged|paid|arrived|"
                   r"concluded|wrapped\s+up|spoke)\b", re.I)
_AGREE = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|adopt(?:ed|s)|issu(?:ed|es)|deliver(?:ed|s)?)\s+"
    r"(?:off\s+on\s+|of\s+)?(?P<obj>[^.;:!?]{3,200}?)"
    r"(?=,|;|\.|$|\s+and\s+(?:deliver|adopt|issue|hold|held|agree|discuss|exchange|vow|pledge|sign)|"
    r"\s+(?:to|that|which|who|during|at|in\s+order|while|after|before)\s)", re.I)
_AGREE_NOUN = re.compile(r"\b(?:agreements?|documents?|deals?|contracts?|memorand(?:um|a)|MoUs?|accords?|treat(?:y|ies)|"
                         r"protocols?|declarations?|statements?|roadmaps?|road\s+maps?|plans?|programmes?|programs?)\b", re.I)
_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
              "a dozen": 12, "dozen": 12}
_COUNT = re.compile(r"\b(?P<n>\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                    r"thirty|forty|fifty|a\s+dozen)\b(?=(?:\s+[\w-]+){0,3}?\s+(?:agreements?|documents?|deals?|"
                    r"contracts?|memorand(?:um|a)|MoUs?|accords?|treaties|protocols?))", re.I)
_QUOTES = (
    re.compile(r"“([^“”]{2,600})”"),
    re.compile(r"«([^«»]{2,600})»"),
    re.compile(r"„([^„“”]{2,600})[“”]"),
    re.compile(r"\"([^\"]{2,600})\""),
    re.compile(r"‘([^‘’]{2,300})’(?!\w)"),
    re.compile(r"(?<![\w'])'([^'\n]{2,200}?)'(?![\w])"),
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|to|at|into|inside)\s+(?:the\s+)?(?:(?:\w+\s+)?capital(?:\s+city)?(?:\s+of)?\s+)?"
    r"|\bvisit(?:s|ed|ing)?\s+(?:to\s+)?|\btrip\s+to\s+|\btour\s+of\s+|\barriv(?:ed|es|ing|e)\s+in\s+"
    r"|(?<!\w)(?:в|во|у|ў)\s+|\bпосети\w*\s+|\bнаведа\w*\s+)$", re.I)
_SUMMIT_PLACE = re.compile(r"\b(?:summit|forum|meeting|sidelines?)\b[^.;]{0,80}?\bin\s+(?P<p>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_UNKNOWN_PLACE = re.compile(r"(?<![\w'])(?:in|to|at)\s+(?P<p>[A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]{2,})?)(?![\w'])"
                            r"(?!\s+(?:University|Institute|Forum|Hall|Palace|House|Conference|Centre|Center))")


# ------------------------------------------------------------------------- dates

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_MONTH_NUM = {m[:3].casefold(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def _mon(g: str) -> str:
    return rf"(?P<{g}>{_MONTHS})(?![a-z])\.?"


def _day(g: str) -> str:
    return rf"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"


_YEAR = r"(?P<y>(?:19|20)\d\d)(?![\d])"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p)) for k, p in (
    ("range_mdy", rf"(?:{_WD},?\s+)?\b{_mon('m1')}\s+{_day('d1')}\s*(?:-|to|through|until|and)\s*"
                  rf"(?:{_mon('m2')}\s+)?{_day('d2')}(?:,?\s+{_YEAR})?"),
    ("range_dmy", rf"\b{_day('d1')}\s*(?:-|to|and)\s*{_day('d2')}\s+(?:of\s+)?{_mon('m1')}(?:,?\s+{_YEAR})?"),
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d1>[0-3]\d)\b"),
    ("dotted", r"\b(?P<d1>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"),
    ("mdy", rf"(?:{_WD},?\s+)?\b{_mon('m1')}\s+{_day('d1')}(?:,?\s+{_YEAR})?"),
    ("dmy", rf"(?:{_WD},?\s+)?\b{_day('d1')}\s+(?:of\s+)?{_mon('m1')}(?:,?\s+{_YEAR})?"),
    ("my", rf"\b{_mon('m1')},?\s+{_YEAR}"),
    ("bare_month", rf"\b(?i:in|early|late|mid|earlier\s+in|later\s+in|during|since|until|by)[\s-]+{_mon('m1')}(?![\w])"),
    ("year_attr", rf"\b{_YEAR}\s+(?=(?:state\s+|official\s+|working\s+)?(?:visit|trip|meeting|talks|summit)\b)"),
    ("year", rf"\b(?i:in|during|back\s+in)\s+{_YEAR}(?![-\d])"),
    ("cyr_range2", r"(?<![\d.])(?P<d1>[0-3]?\d)\s+(?P<cm1>[а-яёіў]{3,12})\s*-\s*(?P<d2>[0-3]?\d)\s+(?P<cm2>[а-яёіў]{3,12})"
                   r"(?:\s+(?P<y>(?:19|20)\d\d))?"),
    ("cyr_range", r"(?<![\d.])(?P<d1>[0-3]?\d)\s*-\s*(?P<d2>[0-3]?\d)\s+(?P<cm1>[а-яёіў]{3,12})(?:\s+(?P<y>(?:19|20)\d\d))?"),
    ("cyr_dmy", r"(?<![\d.])(?P<d1>[0-3]?\d)\s+(?P<cm1>[а-яёіў]{3,12})(?:\s+(?P<y>(?:19|20)\d\d))?"),
    ("cyr_year", r"(?<!\w)(?:в|у|ў)\s+(?P<y>(?:19|20)\d\d)\s+(?:году|годзе)\b"),
    ("weekday", rf"\b{_WD}\b"),
    ("cyr_weekday", r"(?<!\w)(?:в|во|у|ў)\s+(?P<cwd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
                    r"панядзелак|аўторак|сераду|чацвер|пятніцу|суботу|нядзелю)\b"),
    ("relative", r"\b(?i:(?P<rel>yesterday|today|last\s+(?:month|year)|this\s+(?:month|year)|"
                 r"earlier\s+this\s+(?:month|year)|next\s+(?:month|year)))\b"),
))


@dataclass
class _Date:
    kind: str  # pattern name
    text: str
    start: int  # offset in the clause text
    end: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    m2: int | None = None
    d2: int | None = None
    weekday: int | None = None
    rel: str | None = None
    # resolution
    first: dt.date | None = None
    last: dt.date | None = None
    precision: str = ""  # day | month | year
    is_range: bool = False
    basis: str = "unknown"
    note: str = ""

    @property
    def resolved(self) -> bool:
        return self.first is not None

    def iso(self) -> str | None:
        if self.first is None:
            return None
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()

    def end_iso(self) -> str | None:
        return self.last.isoformat() if self.is_range and self.last else None


_CYR_WEEKDAYS = {w: i for i, ws in enumerate((("понедельник", "панядзелак"), ("вторник", "аўторак"),
                                               ("среду", "сераду"), ("четверг", "чацвер"), ("пятницу", "пятніцу"),
                                               ("субботу", "суботу"), ("воскресенье", "нядзелю"))) for w in ws}


def _cyr_month(word: str) -> int | None:
    """A Russian or Belarusian month name, from the month names the cleaner knows
    (data/metadata.yml)."""
    try:
        from .rules import load_rules

        return load_rules().month_of(word)
    except Exception:  # pragma: no cover - rules unavailable
        return None


def _month(word: str | None) -> int | None:
    return _MONTH_NUM.get(word[:3].casefold()) if word else None


def find_dates(text: str) -> list[_Date]:
    """Date expressions in a clause, leftmost-longest, not overlapping."""
    norm = _norm(text)
    found: list[_Date] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(norm):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            g = m.groupdict()
            d = _Date(kind=kind, text=text[s:e].strip(), start=s, end=e)
            d.y = int(g["y"]) if g.get("y") else None
            d.m = _month(g.get("m1")) or (int(g["mn"]) if g.get("mn") else None)
            d.d = int(g["d1"]) if g.get("d1") else None
            d.m2 = _month(g.get("m2"))
            d.d2 = int(g["d2"]) if g.get("d2") else None
            d.weekday = _WEEKDAYS.index(g["wd"]) if g.get("wd") else None
            if g.get("cm1"):
                d.m = _cyr_month(g["cm1"])
                if d.m is None:
                    continue
                if g.get("cm2"):
                    d.m2 = _cyr_month(g["cm2"])
                    if d.m2 is None:
                        continue
                d.kind = {"cyr_range": "range_dmy", "cyr_range2": "range_dmy", "cyr_dmy": "dmy"}[kind]
            if kind == "cyr_year":
                d.kind = "year"
            if g.get("cwd"):
                d.weekday = _CYR_WEEKDAYS[g["cwd"].casefold()]
                d.kind = "weekday"
            d.rel = " ".join(g["rel"].lower().split()) if g.get("rel") else None
            if d.kind in ("mdy", "dmy", "range_mdy", "range_dmy", "iso", "dotted") and not (d.d and 1 <= d.d <= 31):
                continue
            if d.d2 is not None and not 1 <= d.d2 <= 31:
                continue
            if kind == "range_mdy" and d.m2 is None and d.d2 is not None and d.d is not None and d.d2 <= d.d:
                continue
            if kind in ("mdy", "dmy") and d.m == 5 and "may" in d.text.casefold() and not re.search(r"May", d.text):
                continue
            taken.append((s, e))
            found.append(d)
    found.sort(key=lambda d: d.start)
    return found


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def _closest_year(m: int, d: int | None, pub: dt.date) -> int:
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        day = _safe_date(y, m, d or 15)
        if day is None:
            continue
        dist = abs((day - pub).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else pub.year


def resolve_date(d: _Date, pub: dt.date | None, text_years: frozenset[int]) -> _Date:
    """Fill first/last/precision/basis of a date expression."""
    def year_from_context(m: int, day: int | None) -> tuple[int | None, str, str]:
        if pub is not None:
            y = _closest_year(m, day, pub)
            if y in text_years:
                return y, "explicit", f"year {y} as written elsewhere in the article and in the publication date"
            return y, "relative", f"year {y} from the publication date {pub.isoformat()}"
        if len(text_years) == 1:
            y = next(iter(text_years))
            return y, "explicit", f"year {y} as written elsewhere in the article"
        return None, "unknown", "the year is not stated"

    k = d.kind
    if k in ("iso", "dotted", "mdy", "dmy") and d.m and d.d:
        y, basis, note = (d.y, "explicit", "") if d.y else year_from_context(d.m, d.d)
        if y is not None and (day := _safe_date(y, d.m, d.d)):
            d.first = d.last = day
            d.precision, d.basis, d.note = "day", basis, note
        else:
            d.basis, d.note = "unknown", note
    elif k in ("range_mdy", "range_dmy") and d.m and d.d and d.d2:
        y, basis, note = (d.y, "explicit", "") if d.y else year_from_context(d.m, d.d)
        if y is not None:
            a = _safe_date(y, d.m, d.d)
            b = _safe_date(y, d.m2 or d.m, d.d2)
            if a and b and b < a:
                b = _safe_date(y + 1, d.m2 or d.m, d.d2)
            if a and b:
                d.first, d.last, d.precision, d.is_range, d.basis, d.note = a, b, "day", True, basis, note
        else:
            d.basis, d.note = "unknown", note
    elif k == "my" and d.m and d.y:
        d.first, d.last, d.precision, d.basis = dt.date(d.y, d.m, 1), _month_end(d.y, d.m), "month", "explicit"
    elif k == "bare_month" and d.m:
        y, basis, note = year_from_context(d.m, None)
        if y is not None:
            d.first, d.last, d.precision, d.basis, d.note = dt.date(y, d.m, 1), _month_end(y, d.m), "month", basis, note
    elif k in ("year", "year_attr") and d.y:
        d.first, d.last, d.precision, d.basis = dt.date(d.y, 1, 1), dt.date(d.y, 12, 31), "year", "explicit"
    elif k == "weekday" and d.weekday is not None:
        if pub is not None:
            back = (pub.weekday() - d.weekday) % 7
            d.first = d.last = pub - dt.timedelta(days=back)
            d.precision, d.basis = "day", "relative"
            d.note = f"the {_WEEKDAYS[d.weekday]} before the publication date {pub.isoformat()}"
        else:
            d.basis, d.note = "unknown", "weekday only, and the page gives no publication date"
    elif k == "relative" and d.rel:
        if pub is None:
            d.basis, d.note = "unknown", "relative date, and the page gives no publication date"
        else:
            rel = d.rel
            if rel == "yesterday":
                d.first = d.last = pub - dt.timedelta(days=1)
                d.precision = "day"
            elif rel == "today":
                d.first = d.last = pub
                d.precision = "day"
            elif rel.endswith("month"):
                y, m = pub.year, pub.month
                if rel.startswith("last"):
                    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
                elif rel.startswith("next"):
                    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
                d.first, d.last, d.precision = dt.date(y, m, 1), _month_end(y, m), "month"
            elif rel.endswith("year"):
                y = pub.year - 1 if rel.startswith("last") else pub.year + 1 if rel.startswith("next") else pub.year
                d.first, d.last, d.precision = dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
            d.basis = "relative"
            d.note = f"relative to the publication date {pub.isoformat()}"
    return d


def _parse_pub(published: str | None) -> dt.date | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


# ------------------------------------------------------------------ one article

@dataclass
class _Person:
    entity_id: str
    start: int
    end: int


@dataclass
class _Sentence:
    line: int
    idx: int  # index of the text line within the article
    text: str
    start: int  # offset in the line
    persons: list[_Person]
    places: list[tuple[str, int, int]]  # (entity id, start, end) relative to the sentence
    outlets: list[tuple[str, int, int]]
    others: list[tuple[str, int, int]]  # organisations and initiatives
    pos: int = 0  # order in the article


@dataclass
class _Mention:
    sent: _Sentence
    people: dict[str, int]  # entity id -> line (in order)
    sides: set[str]  # countries present (names or unresolved titles)
    unresolved: list[tuple[str, str]]  # (country, phrase) of titles that named nobody
    third: bool
    date: _Date | None
    weekday_claims: list[_Date]
    place: str | None
    place_text: str | None
    format: str | None
    anaphoric: bool
    preview: bool
    past: bool
    recall: bool
    joint_only: bool = False

    @property
    def dated(self) -> bool:
        return self.date is not None and self.date.resolved


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    third: bool = False

    @property
    def first_pos(self) -> int:
        return min(m.sent.pos for m in self.mentions)

    def people(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in sorted(self.mentions, key=lambda m: m.sent.pos):
            for p, ln in m.people.items():
                out.setdefault(p, ln)
        return out

    def date(self) -> _Date | None:
        """The best date: explicit before relative, day before month before year,
        ranges before single days."""
        dated = [m.date for m in self.mentions if m.dated]
        if not dated:
            return None
        rank = {"explicit": 0, "relative": 1}
        prec = {"day": 0, "month": 1, "year": 2}
        return min(dated, key=lambda d: (rank.get(d.basis, 2), prec.get(d.precision, 3), not d.is_range))

    def place(self, registry) -> tuple[str | None, int | None]:
        best = None
        for m in sorted(self.mentions, key=lambda m: m.sent.pos):
            if m.place is None:
                continue
            spec = _specificity(m.place, registry)
            if best is None or spec > best[0]:
                best = (spec, m.place, m.sent.line)
        return (best[1], best[2]) if best else (None, None)


def _specificity(place_id: str, registry) -> int:
    e = registry.get(place_id) if registry is not None else None
    if e is None:
        return 1  # a name the registry does not know: as written (a city, usually)
    return 2 if e.country else 0


def _country_of(place_id: str | None, registry) -> str | None:
    if place_id is None:
        return None
    e = registry.get(place_id)
    if e is None:
        return None
    return e.country or e.id


def places_compatible(a: str | None, b: str | None, registry) -> bool:
    """Equal, unknown on one side, or a place inside the other (a city and its country)."""
    if a is None or b is None or a == b:
        return True
    ea, eb = registry.get(a), registry.get(b)
    if ea is None or eb is None:
        return False
    return (ea.country is None and eb.country == ea.id) or (eb.country is None and ea.country == eb.id)


class _Reader:
    """Everything needed to read one article; built once per corpus."""

    def __init__(self, registry, matcher, lexicon: Lexicon) -> None:
        self.registry = registry
        self.matcher = matcher
        self.lex = lexicon
        self.ents = {e.id: e for e in registry.entities}
        title_rx = lexicon.title_regex or r"(?!x)x"
        dem_rx = lexicon.demonym_regex or r"(?!x)x"
        # "Chinese President", "the Belarusian leader", "Belarus' self-proclaimed president"
        # "Chinese President", "Belarusian strongman", "self-proclaimed president" before a name
        self.left_title = re.compile(
            rf"(?<![\w'])(?:(?:{dem_rx})\s+)?(?:{title_rx})\s+$", re.I)
        # ", the President of Belarus," after a name
        self.right_title = re.compile(
            rf"^\s*,\s+(?:the\s+|a\s+|an\s+)?(?P<phrase>(?:(?:{dem_rx})\s+)?(?:{title_rx})"
            rf"(?:\s+of\s+(?:the\s+)?[A-Z][^,.;:()]{{0,70}})?)(?=\s*(?:,|\.|;|:|\)|$))", re.I)
        # "the Belarusian president" standing for a person
        self.title_ref = re.compile(
            rf"(?<![\w'])(?:the\s+)?(?P<dem>{dem_rx})\s+(?P<title>{title_rx})(?![\w])", re.I)
        self.title_of = re.compile(rf"(?<![\w'])(?:the\s+)?(?P<title>{title_rx})\s+of\s+(?:the\s+)?$", re.I)
        self.org_like = {e.id for e in registry.entities if e.kind in ("organisation", "initiative")}

    # -- entities -----------------------------------------------------------------

    def person_country(self, eid: str) -> str | None:
        e = self.ents.get(eid)
        return e.country if e is not None else None

    def role(self, eid: str, year: int | None) -> str | None:
        e = self.ents.get(eid)
        if e is None:
            return None
        return e.role_in(year) if hasattr(e, "role_in") else e.role

    def is_leader(self, eid: str, year: int | None) -> bool:
        return self.role(eid, year) in LEADER_ROLES

    def holder(self, country: str, role: str, year: int | None, prefer: Iterable[str] = ()) -> str | None:
        """The person of `country` holding `role` in `year`: one named in the article
        first, else the registry's only holder that year (only when the year is known)."""
        for eid in prefer:
            if self.person_country(eid) == country and self.role(eid, year) == role:
                return eid
        if year is None:
            return None
        cands = [e.id for e in self.registry.by_kind("person") if e.country == country and self.role(e.id, year) == role
                 and any((a is None or a <= year) and (b is None or year <= b) for r, a, b in e.roles if r == role)]
        return cands[0] if len(cands) == 1 else None

    # -- sentences ----------------------------------------------------------------

    def sentences(self, article: Article) -> list[_Sentence]:
        out: list[_Sentence] = []
        for idx, (n, text) in enumerate(article.text_lines()):
            if not text or not text.strip():
                continue
            matches = self.matcher.find(text) if len(text) < 100_000 else []
            for s, e in split_sentences(text):
                sent = text[s:e]
                persons, places, outlets, others = [], [], [], []
                for m in matches:
                    if m.start < s or m.end > e:
                        continue
                    ent = self.ents.get(m.entity_id)
                    if ent is None:
                        continue
                    span = (m.start - s, m.end - s)
                    if ent.kind == "person":
                        persons.append(_Person(ent.id, *span))
                    elif ent.kind == "place":
                        places.append((ent.id, *span))
                    elif ent.kind == "outlet":
                        outlets.append((ent.id, *span))
                    else:
                        others.append((ent.id, *span))
                out.append(_Sentence(line=n, idx=idx, text=sent, start=s, persons=persons, places=places,
                                     outlets=outlets, others=others, pos=len(out)))
        return out

    # -- mentions -----------------------------------------------------------------

    def title_refs(self, sent: _Sentence) -> list[tuple[str, str, str, int, int]]:
        """Titles that stand for a person without naming them: (country, role, phrase,
        start, end). "Chinese President Xi Jinping" and "Xi Jinping, the Chinese
        president," name Xi, so they are not such references."""
        out = []
        norm = _norm(sent.text)

        def attached(s0: int, e0: int) -> bool:
            rest = norm[e0:]
            nxt = e0 + len(rest) - len(rest.lstrip())
            if any(p.start == nxt for p in sent.persons):
                return True
            before = norm[:s0].rstrip()
            if before.endswith(","):
                before = before[:-1].rstrip()
                return any(p.end == len(before) for p in sent.persons)
            return False

        for m in self.title_ref.finditer(norm):
            if attached(m.start(), m.end()) or _NOT_A_PERSON.search(norm[:m.start()]):
                continue
            country = self.lex.demonym_country(m.group("dem"))
            role = self.lex.title_role(m.group("title"))
            if country and role:
                out.append((country, role, sent.text[m.start():m.end()].strip(), m.start(), m.end()))
        for pid, ps, pe in sent.places:
            if pid not in SIDES:
                continue
            m = self.title_of.search(norm[:ps])
            if not m or attached(m.start(), pe) or _NOT_A_PERSON.search(norm[:m.start()]):
                continue
            role = self.lex.title_role(m.group("title"))
            if role:
                out.append((pid, role, sent.text[m.start():pe].strip(), m.start(), pe))
        return out

    def mentions(self, sents: list[_Sentence], pub: dt.date | None, text_years: frozenset[int],
                 article_people: list[str]) -> list[_Mention]:
        """One mention per clause with a meeting cue."""
        out: list[_Mention] = []
        prev_people: list[str] = []  # people of the last sentence that named any
        prev_idx = -10
        for sent in sents:
            norm = _norm(sent.text)
            named_here = [p.entity_id for p in sent.persons]
            if not (sent.persons or _ANAPHOR.search(norm) or self.title_ref.search(norm)):
                continue  # nobody to meet: no mention here
            clauses = split_clauses(norm)
            cued = [(cs, ce, _format_of(norm[cs:ce])) for cs, ce in clauses]
            cued = [c for c in cued if c[2]]
            joint = False
            if not cued:
                # a joint act of both sides: "Xi and Lukashenko jointly announced in Beijing"
                for cs, ce in clauses:
                    here = {self.person_country(p.entity_id) for p in sent.persons if cs <= p.start < ce}
                    if {"china", "belarus"} <= here and _JOINT.search(norm[cs:ce]):
                        cued, joint = [(cs, ce, None)], True
                        break
            if cued and not _HABITUAL.search(norm):
                for cs, ce, fmt in cued:
                    m = self._mention(sent, norm, (cs, ce), fmt, [c[:2] for c in cued], pub, text_years,
                                      article_people, prev_people if sent.idx - prev_idx <= 1 else [])
                    m.joint_only = joint
                    out.append(m)
            if named_here:
                prev_people, prev_idx = named_here, sent.idx
        return out

    def _mention(self, sent: _Sentence, norm: str, clause: tuple[int, int], fmt: str | None,
                 cue_clauses: list[tuple[int, int]], pub, text_years, article_people, prev_people) -> _Mention:
        cs, ce = clause
        ctext = norm[cs:ce]
        speakers = {id(p) for p in sent.persons if _speaker(norm, p)}
        in_clause = [p for p in sent.persons if cs <= p.start < ce and id(p) not in speakers]
        elsewhere = [p for p in sent.persons if not any(a <= p.start < b for a, b in cue_clauses)
                     and id(p) not in speakers]
        people: dict[str, int] = {}
        third = any(self.person_country(p.entity_id) not in SIDES for p in in_clause)
        for p in in_clause:
            people.setdefault(p.entity_id, sent.line)
        for p in elsewhere:  # "Xi told reporters after meeting Lukashenko ...": Xi is there too
            if self.person_country(p.entity_id) in SIDES:
                people.setdefault(p.entity_id, sent.line)
        anaphoric = bool(_ANAPHOR.search(ctext)) and not in_clause
        pronoun = _PRONOUN.search(ctext)
        who = re.match(r"\s*,?\s*(?:who|whose)\b", ctext, re.I)
        if not in_clause and (who or pronoun):
            # "..., who is on a state visit", "after he met ...": the person named before
            before = [p for p in sent.persons if p.end <= cs]
            ref = ([before[-1].entity_id] if who and before else [before[0].entity_id] if before
                   else prev_people[:1])
            for pid in ref:
                people.setdefault(pid, sent.line)
                third = third or self.person_country(pid) not in SIDES
            anaphoric = anaphoric and not ref
        elif anaphoric and _PLURAL.search(ctext) and prev_people and not sent.persons:
            # "The two met in Moscow": the people named just before
            for pid in prev_people:
                people.setdefault(pid, sent.line)
                third = third or self.person_country(pid) not in SIDES
            anaphoric = False
        elif pronoun and prev_people and not any(p.start < pronoun.start() + cs for p in sent.persons):
            # "He held talks with Li Keqiang": the person the last sentence named first
            people.setdefault(prev_people[0], sent.line)
            third = third or self.person_country(prev_people[0]) not in SIDES
        date, claims = self._date_for(sent.text, norm, clause, pub, text_years)
        year_hint = date.first.year if date is not None and date.resolved else (pub.year if pub else None)
        unresolved = []
        for country, role, phrase, s0, e0 in self.title_refs(sent):
            if not (cs <= s0 < ce) and any(a <= s0 < b for a, b in cue_clauses):
                continue  # a title in another meeting's clause
            holder = self.holder(country, role, year_hint, prefer=list(people) + article_people)
            if holder:
                people.setdefault(holder, sent.line)
            else:
                unresolved.append((country, phrase))
        cb = {p: ln for p, ln in people.items() if self.person_country(p) in SIDES}
        if third and {"china", "belarus"} <= {self.person_country(p) for p in cb}:
            third = False  # both sides named: a China-Belarus meeting whoever else is there
        if not third:
            people = cb
        place, place_text = self._place(sent, norm, clause, fmt)
        return _Mention(
            sent=sent, people=people, sides={self.person_country(p) for p in people} | {c for c, _ in unresolved},
            unresolved=unresolved, third=third, date=date, weekday_claims=claims, place=place,
            place_text=place_text, format=fmt, anaphoric=anaphoric and not people and not unresolved,
            preview=bool(_PREVIEW.search(ctext)), past=bool(_PAST.search(ctext)),
            recall=bool(_RECALL.search(norm)))

    def _date_for(self, raw: str, norm: str, clause: tuple[int, int], pub, text_years):
        """The date of a mention and the weekdays the sentence claims. The date is
        read from the cue's clause, after the cue first; a date opening the
        sentence ("On June 4, 2025, ...", "In July 2013, ...") counts too."""
        cs, ce = clause
        found = find_dates(raw)
        in_clause = [d for d in found if cs <= d.start < ce]
        opening = [d for d in found if d.start < cs and d.kind != "weekday"
                   and re.fullmatch(r"\s*(?:(?i:on|in|at|during|early|late|by|since|back\s+in)\s+)?", raw[:d.start])]
        for d in in_clause + opening:
            resolve_date(d, pub, text_years)
        claims = [d for d in in_clause if d.kind == "weekday" or d.weekday is not None]
        cands = [d for d in in_clause if d.kind != "weekday"]
        cue = _first_cue_offset(norm[cs:ce])
        cue_at = cs + (cue or 0)
        after = sorted((d for d in cands if d.start >= cue_at), key=lambda d: d.start)
        before = sorted((d for d in cands if d.start < cue_at), key=lambda d: cue_at - d.end)
        ordered = after + opening + before
        if not ordered:
            ordered = [d for d in in_clause if d.kind == "weekday"]
        return (ordered[0] if ordered else None), claims

    def _place(self, sent: _Sentence, norm: str, clause: tuple[int, int], fmt: str | None):
        cs, ce = clause
        best = None
        for pid, ps, pe in sent.places:
            if not (cs <= ps < ce):
                continue
            if not _LOCATIVE.search(norm[max(0, ps - 40):ps]):
                continue
            country = _country_of(pid, self.registry)
            if country not in SIDES and fmt != "sidelines of a summit":
                continue  # a bilateral meeting is in China or Belarus, or on the sidelines of a summit
            spec = _specificity(pid, self.registry)
            if best is None or spec > best[0]:
                best = (spec, pid, sent.text[ps:pe])
        if best:
            return best[1], best[2]
        if not sent.places or all(not (cs <= ps < ce) for _, ps, _ in sent.places):
            # a place the registry does not know: "met ... in Samarkand"
            for m in _UNKNOWN_PLACE.finditer(norm, cs, ce):
                word = m.group("p")
                first = word.split()[0]
                if (first in _WEEKDAYS or _month(first) or self.lex.demonym_country(first)
                        or any(ps <= m.start("p") < pe for _, ps, pe in sent.places + sent.others + sent.outlets)
                        or any(p.start <= m.start("p") < p.end for p in sent.persons)):
                    continue
                return word, word
        if fmt == "sidelines of a summit":
            m = _SUMMIT_PLACE.search(norm[cs:ce])
            if m and m.group("p").split()[0] not in _WEEKDAYS and not _month(m.group("p").split()[0]) \
                    and m.group("p").split()[0].casefold() not in ("the",):
                return m.group("p"), m.group("p")
        return None, None


_SAYS_AFTER = re.compile(r"^\s+(?:says|said|tells|told|writes|wrote|notes|noted|adds|added)\b", re.I)
_SAYS_BEFORE = re.compile(r"(?:\baccording\s+to|\bquoted|\bcited)\s+(?:[\w'-]+\s+){0,3}$", re.I)


def _speaker(norm: str, p: _Person) -> bool:
    """A person quoted about the meeting rather than taking part: the attribution
    at the end of a headline (", Maxim Ryzhenkov says") or "according to ..."."""
    if _SAYS_BEFORE.search(norm[max(0, p.start - 60):p.start]):
        return True
    before = norm[:p.start].rstrip()
    return before.endswith(",") and bool(_SAYS_AFTER.match(norm[p.end:]))


def _format_of(text: str) -> str | None:
    if _ANY_FORMAT.search(text) is None:
        return None
    cyr = _CYRILLIC.search(text) is not None
    for fmt, rx, rx_cyr in _FORMAT_RX:
        if rx.search(text) or (cyr and rx_cyr.search(text)):
            return fmt
    return None


def _first_cue_offset(text: str) -> int | None:
    best = None
    cyr = _CYRILLIC.search(text) is not None
    for _, rx, rx_cyr in _FORMAT_RX:
        for r in ((rx, rx_cyr) if cyr else (rx,)):
            m = r.search(text)
            if m and (best is None or m.start() < best):
                best = m.start()
    return best


def _overlap(a: _Date, b: _Date, slack: int = 0) -> bool:
    return a.first - dt.timedelta(days=slack) <= b.last and b.first - dt.timedelta(days=slack) <= a.last


def _slack(a: _Date, b: _Date) -> int:
    return 6 if "weekday" in (a.kind, b.kind) else 0


def _people_compatible(a: dict, b: dict, reader: _Reader) -> bool:
    for side in SIDES:
        pa = {p for p in a if reader.person_country(p) == side}
        pb = {p for p in b if reader.person_country(p) == side}
        if pa and pb and not pa & pb:
            return False
    return True


def _compatible(c: _Cluster, m: _Mention, reader: _Reader) -> bool:
    if c.third != m.third:
        return False
    cd = c.date()
    if cd is not None and m.dated and not _overlap(cd, m.date, _slack(cd, m.date)):
        return False
    place, _ = c.place(reader.registry)
    if not places_compatible(place, m.place, reader.registry):
        return False
    return _people_compatible(c.people(), m.people, reader)


def _cluster(mentions: list[_Mention], reader: _Reader, pub: dt.date | None) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    lead: _Cluster | None = None
    last: tuple[_Mention, _Cluster] | None = None
    for m in mentions:
        if m.anaphoric:
            target = None
            if last is not None and m.sent.idx - last[0].sent.idx <= 1:
                target = last[1]
            elif lead is not None:
                target = lead
            if target is not None and (target.third or _compatible(target, m, reader) or not m.dated):
                target.mentions.append(m)
                last = (m, target)
            continue
        if not m.people and not m.unresolved and not m.place:
            continue
        if m.third:
            if last is not None and last[1].third and m.sent.idx - last[0].sent.idx <= 1:
                last[1].mentions.append(m)
                last = (m, last[1])
            else:
                c = _Cluster([m], third=True)
                clusters.append(c)
                last = (m, c)
            continue
        target = None
        cands = [c for c in clusters if not c.third and _compatible(c, m, reader)]
        if m.dated:
            same = [c for c in cands if c.date() is not None]
            if same:
                target = same[0]
            elif lead is not None and lead in cands and lead.date() is None and _current(m, pub):
                target = lead
        else:
            if lead is not None and lead in cands:
                target = lead
            elif cands:
                target = max(cands, key=lambda c: max(x.sent.pos for x in c.mentions))
        if target is None:
            target = _Cluster([m])
            clusters.append(target)
            if lead is None:
                lead = target
        else:
            target.mentions.append(m)
        last = (m, target)
    return [c for c in clusters if not c.third]


def _current(m: _Mention, pub: dt.date | None) -> bool:
    """Whether a dated mention can be the article's own (so far undated) news."""
    if m.recall:
        return False
    if pub is not None:
        # a page date months before the meeting is a republication date, not a reason to split
        return m.date.last >= pub - dt.timedelta(days=60)
    return m.sent.idx <= 2


@dataclass
class _Draft:
    """A report under construction (mutable; frozen into `Report` at the end)."""

    article: Article
    cluster: _Cluster
    kind: str
    date: _Date | None
    place: str | None
    place_line: int | None
    people: dict[str, int]
    unresolved: list[tuple[str, str]]
    format: str | None
    format_line: int | None
    named_as: list[Named]
    agreements: list[Agreement]
    quotes: list[Found]
    topics: list[TopicFound]
    framing: list[Found]
    cited: list[Found]
    flags: list[Found]
    lines: set[int]
    narrow_text: list[tuple[int, str]]  # (line, sentence) the report rests on
    pub: dt.date | None
    preview: bool
    past: bool
    inferred: _Date | None = None
    inferred_from: tuple[str, int] | None = None
    inferred_words: str = ""
    group_flags: list[Found] = field(default_factory=list)

    @property
    def first(self) -> dt.date | None:
        d = self.date if self.date is not None and self.date.resolved else None
        return d.first if d else None

    @property
    def last(self) -> dt.date | None:
        d = self.date if self.date is not None and self.date.resolved else None
        return d.last if d else None

    @property
    def precision(self) -> str:
        return self.date.precision if self.date is not None and self.date.resolved else ""

    @property
    def year(self) -> int | None:
        if self.first:
            return self.first.year
        if self.inferred is not None and self.inferred.first:
            return self.inferred.first.year
        return self.pub.year if self.pub else None


def _qualifies(c: _Cluster, reader: _Reader, year: int | None) -> bool:
    people = c.people()
    unresolved_sides = {country for m in c.mentions for country, _ in m.unresolved}
    sides = {reader.person_country(p) for p in people} | unresolved_sides
    leaders = [p for p in people if reader.is_leader(p, year)]
    if not leaders and not unresolved_sides:
        return False
    if {"china", "belarus"} <= sides:
        return True
    place, _ = c.place(reader.registry)
    country = _country_of(place, reader.registry)
    if len(sides & set(SIDES)) == 1 and leaders and country in SIDES and country not in sides:
        fmts = {m.format for m in c.mentions}
        return bool(fmts & {"state visit", "official visit", "working visit", "visit", "talks"})
    return False


def _recalled(c: _Cluster, others: list[_Cluster], pub: dt.date | None) -> bool:
    d = c.date()
    if d is not None and d.resolved:
        if pub is not None and d.last < pub - dt.timedelta(days=60):
            return True
        for o in others:
            od = o.date()
            if o is not c and od is not None and od.resolved and od.first > d.last + dt.timedelta(days=45):
                return True
    return all(m.recall for m in c.mentions)


def _kinds(clusters: list[_Cluster], pub: dt.date | None) -> dict[int, str]:
    if not clusters:
        return {}
    if len(clusters) == 1:
        return {id(clusters[0]): "news"}
    recalled = {id(c): _recalled(c, clusters, pub) for c in clusters}
    current = [c for c in clusters if not recalled[id(c)]]
    if not current:
        lead = min(clusters, key=lambda c: c.first_pos)
        return {id(c): "news" if c is lead else "background" for c in clusters}
    return {id(c): "background" if recalled[id(c)] else "news" for c in clusters}


_WORD = re.compile(r"\w+(?:'\w+)*")


def _tok_spans(text: str) -> list[tuple[str, int, int]]:
    """Words for comparing wording: case, apostrophes and possessive 's ignored
    ("Belarus’" = "Belarus'" = "Belarus's" = "belarus"); spans index `text`."""
    out = []
    for m in _WORD.finditer(_norm(text)):
        word, s, e = m.group(0), m.start(), m.end()
        if word.casefold().endswith("'s"):
            word, e = word[:-2], e - 2
        out.append((word.replace("'", "").casefold(), s, e))
    return out


def _tokens(text: str) -> list[str]:
    return [t for t, _, _ in _tok_spans(text)]


def _find_quotes(text: str) -> list[tuple[int, int, str]]:
    norm = text
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in _QUOTES:
        for m in rx.finditer(norm):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            inner = " ".join(m.group(1).split()).strip(" ,.;:")
            if not inner or not re.search(r"\w", inner) or len(inner.split()) > 80:
                continue
            taken.append((s, e))
            out.append((m.start(1), m.end(1), inner))
    out.sort()
    return out


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_BOTH_LEADERS = re.compile(r"\b(?:the\s+two|both)\s+(?:leaders|presidents|heads\s+of\s+state)\b", re.I)


class _ArticleReader:
    def __init__(self, reader: _Reader, article: Article) -> None:
        self.r = reader
        self.a = article
        self.pub = _parse_pub(article.meta.published)
        self._hits: dict[int, list] = {}

    def read(self) -> list[_Draft]:
        r, a = self.r, self.a
        sents = r.sentences(a)
        if not sents:
            return []
        text_years = frozenset(int(y) for _, t in a.text_lines() for y in _YEAR_IN_TEXT.findall(t))
        article_people: list[str] = []
        for s in sents:
            for p in s.persons:
                if r.person_country(p.entity_id) in SIDES and p.entity_id not in article_people:
                    article_people.append(p.entity_id)
        mentions = r.mentions(sents, self.pub, text_years, article_people)
        if not mentions:
            return []
        clusters = _cluster(mentions, r, self.pub)
        kept = []
        for c in clusters:
            d = c.date()
            year = d.first.year if d is not None and d.resolved else (self.pub.year if self.pub else None)
            if _qualifies(c, r, year):
                kept.append(c)
        if not kept:
            return []
        kinds = _kinds(kept, self.pub)
        mention_sents = {id(m.sent): c for c in kept for m in c.mentions}
        third_sents = {id(m.sent) for m in mentions if m.third}
        drafts = []
        for c in sorted(kept, key=lambda c: c.first_pos):
            drafts.append(self.draft(c, kinds[id(c)], sents, mention_sents, third_sents, kept, kinds))
        return drafts

    def draft(self, c: _Cluster, kind: str, sents, mention_sents, third_sents, kept, kinds) -> _Draft:
        r, a = self.r, self.a
        people = c.people()
        date = c.date()
        place, place_line = c.place(r.registry)
        fmt, fmt_line = None, None
        order = [f for f, _ in _FORMAT_CUES]
        # the format as the mentions that name people give it; "the talks" only when they say nothing
        for pool in ([m for m in c.mentions if not m.anaphoric], c.mentions):
            for m in sorted(pool, key=lambda m: m.sent.pos):
                if m.format and (fmt is None or order.index(m.format) < order.index(fmt)):
                    fmt, fmt_line = m.format, m.sent.line
            if fmt is not None:
                break
        own = {id(m.sent) for m in c.mentions}
        # the article's first news report takes the whole article as its context
        primary = kind == "news" and c is min((k for k in kept if kinds[id(k)] == "news"), key=lambda k: k.first_pos)
        # narrow context: the mentions, and sentences naming a participant (or the two leaders)
        narrow: list[_Sentence] = []
        broad: list[_Sentence] = []
        pset = set(people)
        for s in sents:
            mine = id(s) in own
            other = (id(s) in mention_sents and not mine) or id(s) in third_sents
            if mine:
                narrow.append(s)
                broad.append(s)
                continue
            if other or kind != "news":
                continue
            names = {p.entity_id for p in s.persons}
            refs = bool(names & pset) or bool(_BOTH_LEADERS.search(s.text))
            if not refs:
                for country, role, phrase, *_ in r.title_refs(s):
                    if any(r.person_country(p) == country for p in pset):
                        refs = True
                        break
            if refs and not (names - pset and any(r.person_country(p) not in SIDES for p in names - pset)
                             and not names & pset):
                narrow.append(s)
            if primary:
                broad.append(s)
        lines: set[int] = {m.sent.line for m in c.mentions if m.people or m.place or m.date or m.format}
        quotes: list[Found] = []
        seen_q: set[str] = set()
        for s in narrow:
            for qs, qe, q in _find_quotes(s.text):
                key = " ".join(_tokens(q))
                if key and key not in seen_q:
                    seen_q.add(key)
                    quotes.append(Found(q, s.line))
                    lines.add(s.line)
        named = self.named_as(narrow, people, date)
        for n in named:
            lines.add(n.line)
        agreements = self.agreements(narrow)
        for ag in agreements:
            lines.add(ag.line)
        topics = self.topics(broad)
        framing = self.framing(broad)
        for t in topics:
            lines.add(t.line)
        for f in framing:
            lines.add(f.line)
        cited = []
        seen_c = set()
        for s in narrow:
            for oid, os_, oe in s.outlets:
                e = r.ents.get(oid)
                if e is not None and e.name not in seen_c:
                    seen_c.add(e.name)
                    cited.append(Found(e.name, s.line))
        unresolved = [u for m in c.mentions for u in m.unresolved
                      if not any(r.person_country(p) == u[0] for p in people)]
        d = _Draft(
            article=a, cluster=c, kind=kind, date=date, place=place, place_line=place_line, people=people,
            unresolved=unresolved, format=fmt, format_line=fmt_line, named_as=named, agreements=agreements,
            quotes=quotes, topics=topics, framing=framing, cited=cited, flags=[], lines=lines,
            narrow_text=[(s.line, s.text) for s in narrow], pub=self.pub,
            preview=any(m.preview for m in c.mentions) and not any(m.past and not m.preview for m in c.mentions),
            past=any(m.past for m in c.mentions))
        d.flags = self.flags(d, c)
        return d

    def named_as(self, narrow: list[_Sentence], people: dict[str, int], date: _Date | None) -> list[Named]:
        r = self.r
        out: list[Named] = []
        seen: set[tuple[str, str]] = set()
        year = date.first.year if date is not None and date.resolved else (self.pub.year if self.pub else None)

        def add(eid: str, phrase: str, line: int) -> None:
            phrase = " ".join(phrase.split()).strip(" ,")
            if not phrase:
                return
            key = (eid, phrase.casefold())
            if key not in seen:
                seen.add(key)
                e = r.ents.get(eid)
                out.append(Named(eid, e.name if e else eid, phrase, line))

        for s in narrow:
            norm = _norm(s.text)
            for p in s.persons:
                if p.entity_id not in people:
                    continue
                left = r.left_title.search(norm[max(0, p.start - 80):p.start])
                if left and not norm[max(0, p.start - 80):p.start].rstrip().endswith(","):
                    add(p.entity_id, s.text[max(0, p.start - 80):p.start][left.start():left.end()], s.line)
                right = r.right_title.match(norm[p.end:p.end + 160])
                if right:
                    add(p.entity_id, right.group("phrase"), s.line)
            for country, role, phrase, *_ in r.title_refs(s):
                who = [p for p in people if r.person_country(p) == country]
                if len(who) == 1:
                    add(who[0], phrase, s.line)
                elif who:
                    match = [p for p in who if r.role(p, year) == role]
                    if len(match) == 1:
                        add(match[0], phrase, s.line)
        return out

    def agreements(self, narrow: list[_Sentence]) -> list[Agreement]:
        out = []
        seen = set()
        for s in narrow:
            for m in _AGREE.finditer(_norm(s.text)):
                obj = s.text[m.start("obj"):m.end("obj")].strip()
                if not _AGREE_NOUN.search(obj):
                    continue
                words = obj.split()
                if len(words) > 16:
                    obj = " ".join(words[:16]) + "…"
                cm = _COUNT.search(obj)
                count = None
                if cm:
                    n = cm.group("n").casefold()
                    count = int(n) if n.isdigit() else _NUM_WORDS.get(" ".join(n.split()))
                key = obj.casefold()
                if key not in seen:
                    seen.add(key)
                    out.append(Agreement(obj, count, s.line))
        return out

    def topics(self, broad: list[_Sentence]) -> list[TopicFound]:
        lex = self.r.lex
        labels = {t.id: t.label for t in lex.topics}
        implied = [(t.id, e) for t in lex.topics for e in t.entities]
        out: dict[str, TopicFound] = {}
        for s in broad:
            for start, end, (kind, tid) in self.hits(s):
                if kind == "topic" and tid not in out:
                    out[tid] = TopicFound(tid, labels[tid], s.text[start:end], s.line)
            if implied:
                ids_here = {p[0] for p in s.places} | {o[0] for o in s.others} | {o[0] for o in s.outlets}
                for tid, eid in implied:
                    if tid not in out and eid in ids_here:
                        e = self.r.ents.get(eid)
                        out[tid] = TopicFound(tid, labels[tid], e.name if e else eid, s.line)
        order = {t.id: i for i, t in enumerate(lex.topics)}
        return sorted(out.values(), key=lambda t: order[t.id])

    def framing(self, broad: list[_Sentence]) -> list[Found]:
        """Framing cues as found, leftmost-longest, each wording once."""
        out: list[Found] = []
        seen: set[str] = set()
        for s in broad:
            pos = 0
            for start, end, (kind, _cid) in self.hits(s):
                if kind != "cue" or start < pos:
                    continue
                pos = end
                words = s.text[start:end]
                key = " ".join(_tokens(words))
                if key not in seen:
                    seen.add(key)
                    out.append(Found(words, s.line))
        return out

    def hits(self, s: _Sentence) -> list[tuple[int, int, tuple[str, str]]]:
        key = id(s)
        if key not in self._hits:
            self._hits[key] = self.r.lex.phrases.find(s.text)
        return self._hits[key]

    def flags(self, d: _Draft, c: _Cluster) -> list[Found]:
        """Flags read from the article alone (grouping adds the others)."""
        r = self.r
        out: list[Found] = []
        year = d.year
        # weekday said in the text vs the date
        if d.date is not None and d.date.resolved and d.date.precision == "day":
            for m in c.mentions:
                for w in m.weekday_claims:
                    if w.weekday is None:
                        continue
                    days = [d.date.first + dt.timedelta(days=i) for i in range((d.date.last - d.date.first).days + 1)]
                    if all(x.weekday() != w.weekday for x in days):
                        said = _weekday_words(m.sent.text, w) if w.kind == "weekday" else _WEEKDAYS[w.weekday]
                        actual = _WEEKDAYS[d.date.first.weekday()]
                        out.append(Found(f"line {m.sent.line} says the meeting was '{said}', but "
                                         f"{d.date.iso()} was a {actual}", m.sent.line))
        # who is there
        for side, other_name in (("china", "Chinese"), ("belarus", "Belarusian")):
            side_people = [p for p in d.people if r.person_country(p) == side]
            if not side_people:
                named_only = [ph for country, ph in d.unresolved if country == side]
                if named_only:
                    out.append(Found(f"the {other_name} side is named only as '{named_only[0]}'", 0))
                else:
                    out.append(Found(f"the {other_name} counterpart is not named", 0))
                continue
            if any(r.role(p, self._role_year(p, year)) == "president" for p in side_people):
                continue
            p = side_people[0]
            ry = self._role_year(p, year)
            role = r.role(p, ry) or "official"
            pres = r.holder(side, "president", ry)
            name = r.ents[p].name
            tail = f"not the president ({r.ents[pres].name})" if pres else "not the president"
            out.append(Found(f"the {other_name} side is {_role_title(role)} {name}, {tail}", d.people[p]))
        return out

    def _role_year(self, eid: str, year: int | None) -> int | None:
        if year is not None:
            return year
        e = self.r.ents.get(eid)
        if e is None or not e.roles:
            return None
        # undated: the period of the person's best-known role
        for role, a, b in reversed(e.roles):
            if role == e.role:
                if a is not None and b is not None:
                    return (a + b) // 2
                return a if a is not None else b
        return None


def _weekday_words(sentence: str, w: _Date) -> str:
    m = re.search(rf"\b(?:on|last|this|next)\s+{re.escape(w.text)}\b", sentence, re.I)
    return m.group(0) if m else w.text


def _role_title(role: str) -> str:
    return "-".join(p.capitalize() for p in role.split("-")).replace("Prime-Minister", "Prime Minister")


# ------------------------------------------------------------------ grouping

_STOP = frozenset("""a an the of in on at to for and or but with by from as is are was were be been that this it its
their his her he she they we our you your said says say told according also has have had not no will would
which who whom whose than then there here into over under about after before during between both two""".split())


def _quoted_runs(stream: Sequence[tuple]) -> list[int]:
    """For each token, how many tokens from it on are inside a quotation in a row."""
    run = [0] * (len(stream) + 1)
    for i in range(len(stream) - 1, -1, -1):
        run[i] = run[i + 1] + 1 if stream[i][2] else 0
    return run


def _shingles(tokens: Sequence[str], n: int = 5) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


class _Grouper:
    def __init__(self, drafts: list[_Draft], reader: _Reader) -> None:
        self.d = drafts
        self.r = reader
        self.registry = reader.registry
        self.name_words = set()
        for e in reader.registry.entities:
            if e.kind in ("person", "place"):
                for n in e.all_names:
                    self.name_words.update(_tokens(n))
        for t in reader.lex.titles:
            self.name_words.update(_tokens(t.phrase))
        for dform, _ in reader.lex.demonyms:
            self.name_words.update(_tokens(dform))
        self._summaries: dict[int, tuple[list[_Draft], tuple]] = {}

    def compatible(self, a: _Draft, b: _Draft, slack: int = 0) -> bool:
        if a.first is None or b.first is None:
            return False
        if not (a.first - dt.timedelta(days=slack) <= b.last and b.first - dt.timedelta(days=slack) <= a.last):
            return False
        if not places_compatible(a.place, b.place, self.registry):
            return False
        return bool(set(a.people) & set(b.people))

    def groups(self) -> list[list[_Draft]]:
        fine = [d for d in self.d if d.first and d.precision == "day"]
        coarse = [d for d in self.d if d.first and d.precision in ("month", "year")]
        undated = [d for d in self.d if not d.first]
        parent = list(range(len(fine)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        order = sorted(range(len(fine)), key=lambda i: fine[i].first)
        active: list[int] = []
        day = None
        for i in order:
            d = fine[i]
            if d.first != day:  # drafts come in date order: the window moves once per date
                day = d.first
                active = [j for j in active if fine[j].last + dt.timedelta(days=2) >= day]
            for j in active:
                # a draft already in i's group adds nothing (a union is idempotent): many
                # reports of one meeting cost one check each, not one per pair
                if find(j) != find(i) and self.compatible(fine[j], d):
                    parent[find(i)] = find(j)
            active.append(i)
        buckets: dict[int, list[_Draft]] = defaultdict(list)
        for i in order:
            buckets[find(i)].append(fine[i])
        groups = self.near_dates(list(buckets.values()))
        # month- and year-level reports join the one group they fit, else group among themselves
        by_year: dict[int, list[int]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for y in {x.first.year for x in g} | {x.last.year for x in g}:
                by_year[y].append(gi)
        leftovers: list[_Draft] = []
        for d in sorted(coarse, key=lambda d: (d.precision != "month", d.first)):
            fits = {gi for gi in by_year.get(d.first.year, []) if any(self.compatible(x, d) for x in groups[gi])}
            if len(fits) == 1:
                groups[fits.pop()].append(d)
            else:
                leftovers.append(d)
        extra: list[list[_Draft]] = []
        for d in leftovers:
            for g in extra:
                if all(x.precision == d.precision and x.first == d.first and self.compatible(x, d) for x in g):
                    g.append(d)
                    break
            else:
                extra.append([d])
        groups += extra
        # undated reports: join a dated group on shared words, else stand alone
        self.join_undated(groups, undated)
        return groups

    def fits(self, d: _Draft, group: list[_Draft]) -> bool:
        """Whether an undated report can be a report of this meeting: a compatible
        place, and on each side only people the meeting's reports agree on."""
        places, core, core_by_side = self._dated_summary(group)
        if not any(places_compatible(place, d.place, self.registry) for place in places):
            return False
        if not set(d.people) & core:
            return False
        for side in SIDES:
            mine = {p for p in d.people if self.r.person_country(p) == side}
            theirs = core_by_side[side]
            if mine and theirs and not mine <= theirs:
                return False
        return True

    def _dated_summary(self, group: list[_Draft]) -> tuple[list, set, dict]:
        """The places, core people and core people per side of a group's dated reports,
        computed once per group (undated reports joining it do not change them)."""
        found = self._summaries.get(id(group))
        if found is None or found[0] is not group:  # (the group is kept, so its id is not reused)
            dated = [x for x in group if x.first]
            core = _core_people(dated)
            summary = (list(dict.fromkeys(x.place for x in dated)), set(core),
                       {side: {p for p in core if self.r.person_country(p) == side} for side in SIDES})
            found = self._summaries[id(group)] = (group, summary)
        return found[1]

    def near_dates(self, groups: list[list[_Draft]]) -> list[list[_Draft]]:
        """A lone report dated a day or two away from a group with the same people
        and a compatible place is the same meeting with a disagreeing date (the
        grouping flags it). Only lone reports move, and a group never spans more
        than three days this way, so consecutive meetings do not chain together."""
        by_day: dict[dt.date, list[int]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for x in g:
                day = x.first
                while day <= x.last:
                    by_day[day].append(gi)
                    day += dt.timedelta(days=1)
        merged: dict[int, int] = {}
        for gi in sorted(range(len(groups)), key=lambda i: (len(groups[i]), groups[i][0].first)):
            g = groups[gi]
            if len(g) != 1 or gi in merged:
                continue
            d = g[0]
            if len({self.r.person_country(p) for p in d.people}) < 2:
                continue
            cands = set()
            for k in range(-2, 3):
                cands.update(by_day.get(d.first + dt.timedelta(days=k), ()))
            best = None
            for ci in cands:
                ci = merged.get(ci, ci)
                if ci == gi:
                    continue
                target = groups[ci]
                lo = min(min(x.first for x in target), d.first)
                hi = max(max(x.last for x in target), d.last)
                if (hi - lo).days > 2:
                    continue
                if not all(set(x.people) == set(d.people) and places_compatible(x.place, d.place, self.registry)
                           for x in target):
                    continue
                if best is None or len(target) > len(groups[best]):
                    best = ci
            if best is not None:
                groups[best].append(d)
                groups[gi] = []
                merged[gi] = best
        return [g for g in groups if g]

    def _stream(self, d: _Draft) -> list[tuple[str, int, bool, int, int, int]]:
        """(token, line, inside a quotation, sentence index, start, end) of the
        sentences a report rests on."""
        out = []
        for si, (line, text) in enumerate(d.narrow_text):
            quotes = [(qs, qe) for qs, qe, _ in _find_quotes(text)]
            for tok, ts, te in _tok_spans(text):
                out.append((tok, line, any(qs <= ts < qe for qs, qe in quotes), si, ts, te))
        return out

    def join_undated(self, groups: list[list[_Draft]], undated: list[_Draft]) -> None:
        if not undated or not groups:
            for d in undated:
                groups.append([d])
            return
        # 5-word shingles of every dated report -> (group, report, line, all quoted)
        index: dict[tuple[str, ...], list[tuple[int, _Draft, int, bool]]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for d in g:
                stream = self._stream(d)
                toks = [t[0] for t in stream]
                run = _quoted_runs(stream)
                for i, sh in enumerate(_shingles(toks)):
                    postings = index[sh]
                    if len(postings) < 50:
                        postings.append((gi, d, stream[i][1], run[i] >= 5))
        one_group = {sh: len({p[0] for p in posts}) == 1 for sh, posts in index.items()}
        for d in undated:
            stream = self._stream(d)
            toks = [t[0] for t in stream]
            run = _quoted_runs(stream)
            hits: dict[int, list[tuple[int, _Draft, int, bool]]] = defaultdict(list)
            for i, sh in enumerate(_shingles(toks)):
                others = [p for p in index.get(sh, ()) if p[1].article.id != d.article.id]
                if not others or (not one_group[sh] and len({p[0] for p in others}) > 1):
                    continue  # words several meetings share prove nothing
                gi, other, line, quoted = others[0]
                mine = run[i] >= 5 and len({t[3] for t in stream[i:i + 5]}) == 1
                hits[gi].append((i, other, line, quoted or mine))
            best = None
            for gi, hs in hits.items():
                if not self.fits(d, groups[gi]):
                    continue
                for start, end, other, line, quoted in _runs(hs):
                    length = end - start + 5
                    words = toks[start:start + length]
                    content = [w for w in words if w not in _STOP and w not in self.name_words]
                    ok = (quoted and len(content) >= 3) or (length >= 8 and len(content) >= 5)
                    if ok and (best is None or length > best[0]):
                        best = (length, gi, other, line, start, quoted)
            if best is None:
                groups.append([d])
                continue
            length, gi, other, line, start, quoted = best
            inside = [k for k in range(start, start + length) if stream[k][2]]
            if quoted and len(inside) >= 5:
                start, length = inside[0], inside[-1] - inside[0] + 1  # the quotation itself
            first, last = stream[start], stream[start + length - 1]
            if first[3] == last[3]:
                words = d.narrow_text[first[3]][1][first[4]:last[5]]
            else:
                words = " ".join(toks[start:start + length])
            anchor = min((x for x in groups[gi] if x.first),
                         key=lambda x: (x.date.basis != "explicit", x.precision != "day", x.article.id))
            d.inferred = anchor.date
            d.inferred_from = (other.article.id, line)
            d.inferred_words = words
            what = "quote" if quoted else "words"
            d.group_flags.append(Found(f"shares the {what} '{words}' with article {other.article.id} line {line}",
                                       first[1]))
            groups[gi].append(d)


def _core_people(reports: Sequence[_Draft]) -> list[str]:
    """The people at least a quarter of the reports name (all of them for one or
    two reports), most named first."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for i, r in enumerate(reports):
        for p in r.people:
            counts[p] += 1
            first.setdefault(p, i)
    need = max(1, -(-len(reports) // 4))
    return sorted((p for p, n in counts.items() if n >= need), key=lambda p: (-counts[p], first[p]))


def _runs(hits: list[tuple[int, _Draft, int, bool]]):
    """Runs of consecutive shingle positions -> (start, end, other report, its
    line, quoted anywhere in the run)."""
    out = []
    cur = None
    for pos, other, line, quoted in sorted(hits, key=lambda h: h[0]):
        if cur is not None and pos <= cur[1] + 1:
            cur = (cur[0], pos, cur[2], cur[3], cur[4] or quoted)
        else:
            if cur is not None:
                out.append(cur)
            cur = (pos, pos, other, line, quoted)
    if cur is not None:
        out.append(cur)
    return out


# ------------------------------------------------------------------ finishing


def _date_str(d: dt.date, precision: str) -> str:
    return f"{d.year:04d}" if precision == "year" else f"{d.year:04d}-{d.month:02d}" if precision == "month" else d.isoformat()


def _span_words(days: int) -> str:
    if days >= 730:
        return f"about {days // 365} years"
    if days >= 60:
        return f"about {days // 30} months"
    return f"{days} days"


def _time_flags(d: _Draft, fmt: str | None) -> list[Found]:
    out: list[Found] = []
    pub = d.pub
    what = fmt if fmt and fmt not in ("talks",) else "meeting"
    if d.first is None:
        if d.inferred is not None and d.inferred.resolved:
            inf = d.inferred.iso()
            if pub is not None and pub < d.inferred.first and not d.preview:
                out.append(Found(f"the text gives no meeting date; the page date {pub.isoformat()} is a republication "
                                 f"date, not evidence of when the meeting happened (the meeting is dated {inf} by "
                                 f"the other sources)", 0))
            elif pub is not None:
                out.append(Found(f"the text gives no meeting date; the page date {pub.isoformat()} is not evidence of "
                                 f"when the meeting happened (the other sources date it {inf})", 0))
            else:
                out.append(Found(f"no date given (the other sources date it {inf})", 0))
        elif pub is not None:
            out.append(Found(f"the text gives no meeting date; the page date {pub.isoformat()} is not evidence of "
                             "when the meeting happened", 0))
        else:
            out.append(Found("no date given", 0))
        return out
    if pub is None or d.kind != "news":
        return out
    if d.date.is_range and d.first <= pub <= d.last:
        tail = ": a preview, not an account of the talks" if d.preview else ""
        out.append(Found(f"written while the {what} was under way{tail}", _date_line(d) or 0))
    elif pub < d.first:
        if d.preview:
            out.append(Found(f"written before the {what}: a preview, not an account of the talks", _date_line(d) or 0))
        else:
            out.append(Found(f"the page date {pub.isoformat()} is before the meeting date {d.date.iso()}: "
                             "a republication or a wrong page date", _date_line(d) or 0))
    elif (pub - d.last).days > 31:
        out.append(Found(f"published {pub.isoformat()}, {_span_words((pub - d.last).days)} after the meeting "
                         f"({d.date.iso()})", _date_line(d) or 0))
    return out


def _date_line(d: _Draft) -> int | None:
    if d.date is None:
        return None
    for m in d.cluster.mentions:
        if m.date is d.date:
            return m.sent.line
    return None


def _evidence(d: _Draft) -> str:
    if d.date is None:
        return ""
    text = d.date.text
    if d.date.kind == "weekday":
        for m in d.cluster.mentions:
            if m.date is d.date:
                text = _weekday_words(m.sent.text, d.date)
    return f"{text} ({d.date.note})" if d.date.note else text


def _outlet(article: Article, reader: _Reader):
    name = article.meta.outlet
    if not name:
        return None
    for m in reader.matcher.find(name):
        e = reader.ents.get(m.entity_id)
        if e is not None and e.kind == "outlet":
            return e
    return None


def _place_name(pid: str | None, registry) -> str | None:
    if pid is None:
        return None
    e = registry.get(pid)
    return e.name if e is not None else pid


def _freeze(d: _Draft, reader: _Reader) -> Report:
    reg = reader.registry
    a = d.article
    basis = d.date.basis if d.date is not None and d.date.resolved else ("inferred" if d.inferred else "unknown")
    evidence = _evidence(d) if d.first else ""
    if not d.first:
        said = [m.date.text for m in d.cluster.mentions if m.date is not None and m.date.text]
        if d.inferred is not None:
            evidence = (f"no date in the text; {d.inferred.iso()} inferred from the words '{d.inferred_words}' "
                        f"shared with article {d.inferred_from[0]} line {d.inferred_from[1]}")
        elif said:
            evidence = f"{said[0]} (not enough to date the meeting)"
    outlet = _outlet(a, reader)
    wires = tuple(a.meta.wires)
    details = []
    for w in wires:
        we = None
        for m in reader.matcher.find(w):
            e = reader.ents.get(m.entity_id)
            if e is not None and e.kind == "outlet":
                we = e
                break
        country = _place_name(we.country, reg) if we is not None and we.country else None
        details.append((w, country, we.ownership if we is not None else None))
    flags = list(d.flags) + _time_flags(d, d.format) + list(d.group_flags)
    people = list(d.people)
    report = Report(
        article=a.id, kind=d.kind,
        date=d.date.iso() if d.first else None,
        end_date=d.date.end_iso() if d.first else None,
        date_basis=basis, date_evidence=evidence, date_line=_date_line(d) if d.first else None,
        place=_place_name(d.place, reg), place_id=d.place if reg.get(d.place or "") is not None else None,
        place_line=d.place_line,
        participants=tuple(_place_name(p, reg) for p in people), participant_ids=tuple(people),
        participant_lines=tuple(d.people[p] for p in people),
        format=d.format, format_line=d.format_line,
        named_as=tuple(d.named_as), agreements=tuple(d.agreements), quotes=tuple(d.quotes),
        topics=tuple(d.topics), framing=tuple(d.framing),
        flags=tuple(dict.fromkeys(flags)),
        lines=tuple(sorted(d.lines | {f.line for f in flags if f.line})),
        outlet=a.meta.outlet, outlet_id=outlet.id if outlet else None,
        outlet_country=_place_name(outlet.country, reg) if outlet is not None and outlet.country else None,
        outlet_ownership=outlet.ownership if outlet is not None else None,
        published=a.meta.published,
        attribution=Attribution(wires=wires, dateline=a.meta.dateline, cited=tuple(d.cited),
                                wire_details=tuple(details)),
        inferred_date=d.inferred.iso() if d.inferred is not None and not d.first else None,
        inferred_end_date=d.inferred.end_iso() if d.inferred is not None and not d.first else None,
        inferred_from=d.inferred_from if not d.first else None,
        title=a.title,
    )
    return report


def _slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", _norm(text).casefold()).strip("-")
    return s or "unknown"


def _meeting(group: list[_Draft], reader: _Reader) -> tuple[dict, list[_Draft]]:
    reg = reader.registry
    dated = [d for d in group if d.first]
    # the meeting's date: what most explicit reports say, the most precise first
    date = end = None
    basis = "unknown"
    if dated:
        rank = {"explicit": 0, "relative": 1}
        prec = {"day": 0, "month": 1, "year": 2}
        votes = Counter((d.date.iso(), d.date.end_iso()) for d in dated)
        best = min(dated, key=lambda d: (prec[d.precision], rank.get(d.date.basis, 2), -votes[(d.date.iso(), d.date.end_iso())],
                                         not d.date.is_range))
        date, end, basis = best.date.iso(), best.date.end_iso(), best.date.basis
        # a range reported by one source covers the single days of the others
        ranges = [d for d in dated if d.date.is_range and d.precision == "day"]
        if ranges and not best.date.is_range:
            r0 = ranges[0]
            if r0.first <= best.first <= r0.last:
                date, end = r0.date.iso(), r0.date.end_iso()
    elif any(d.inferred for d in group):
        basis = "inferred"
    # place: the most specific; disagreements flagged
    places = [(d.place, d) for d in group if d.place]
    place = None
    flags: list[str] = []
    if places:
        counts = Counter(p for p, _ in places)
        place = max(counts, key=lambda p: (_specificity(p, reg), counts[p]))
        clash = [(p, d) for p, d in places if not places_compatible(p, place, reg)]
        if clash:
            place = counts.most_common(1)[0][0]
            text = "sources disagree on the place: " + _tally([(_place_name(p, reg), d, d.place_line) for p, d in places])
            flags.append(text)
            for p, d in places:
                if not places_compatible(p, place, reg) or d is clash[0][1] or p == place:
                    d.group_flags.append(Found(text, d.place_line or 0))
    days = {(d.date.iso(), d.date.end_iso()) for d in dated if d.precision == "day"}
    if len(days) > 1:
        covered = set()
        for a in dated:
            for b in dated:
                if a is not b and a.date.is_range and a.first <= b.first and b.last <= a.last:
                    covered.add(id(b))
        distinct = {(d.date.iso(), d.date.end_iso()) for d in dated if d.precision == "day" and id(d) not in covered}
        if len(distinct) > 1:
            text = "sources disagree on the date: " + _tally(
                [(d.date.iso() + (f" to {d.date.end_iso()}" if d.date.end_iso() else ""), d, _date_line(d))
                 for d in dated if d.precision == "day"])
            flags.append(text)
            for d in dated:
                if d.precision == "day":
                    d.group_flags.append(Found(text, _date_line(d) or 0))
    people = dict.fromkeys(_core_people(sorted(group, key=lambda d: (d.kind != "news", d.article.id))))
    order = [f for f, _ in _FORMAT_CUES]
    fmts = [d.format for d in group if d.format]
    fmt = min(fmts, key=order.index) if fmts else None
    info = dict(date=date, end_date=end, place=place, people=list(people), format=fmt, flags=flags, basis=basis)
    return info, group


def _tally(items: list[tuple[str, _Draft, int | None]]) -> str:
    """'2024-08-14 (articles a line 3, b line 5); 2024-08-15 (c line 4)', the
    value most sources give first, at most three sources named per value."""
    by: dict[str, list[str]] = defaultdict(list)
    for value, d, line in items:
        by[value].append(f"{d.article.id} line {line}" if line else d.article.id)
    parts = []
    for value, refs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        more = f" and {len(refs) - 3} more" if len(refs) > 3 else ""
        parts.append(f"{value} ({', '.join(refs[:3])}{more})")
    return "; ".join(parts)


def group_reports(drafts: list[_Draft], reader: _Reader) -> list[Meeting]:
    grouper = _Grouper(drafts, reader)
    groups = grouper.groups()
    reg = reader.registry
    built = []
    for g in groups:
        info, g = _meeting(g, reader)
        built.append((info, g))

    def sort_key(item):
        info, g = item
        return (info["date"] is None, info["date"] or "", info["place"] or "", g[0].article.id)

    built.sort(key=sort_key)
    meetings: list[Meeting] = []
    used: Counter = Counter()
    undated_n: Counter = Counter()
    for info, g in built:
        place_name = _place_name(info["place"], reg)
        if info["date"]:
            base = f"{info['date']}-{_slug(place_name)}" if place_name else info["date"]
        else:
            slug = _slug(place_name) if place_name else "unknown"
            undated_n[slug] += 1
            base = f"undated-{slug}-{undated_n[slug]}"
        used[base] += 1
        mid = base if used[base] == 1 else f"{base}-{used[base]}"
        reports = tuple(_freeze(d, reader) for d in sorted(g, key=lambda d: (d.kind != "news", d.pub is None,
                                                                              d.pub or dt.date.min, d.article.id)))
        meetings.append(Meeting(
            id=mid, date=info["date"], end_date=info["end_date"], place=place_name,
            place_id=info["place"] if reg.get(info["place"] or "") is not None else None,
            participants=tuple(_place_name(p, reg) for p in info["people"]), participant_ids=tuple(info["people"]),
            format=info["format"], reports=reports, flags=tuple(info["flags"]), date_basis=info["basis"]))
    return meetings


# ------------------------------------------------------------------ entry points


def make_reader(registry, matcher, lexicon: Lexicon | None = None) -> _Reader:
    """What reading one article needs (registry, matcher, lexicons), built once per corpus."""
    return _Reader(registry, matcher, lexicon or load_lexicon())


def read_reports(article: Article, reader: _Reader) -> tuple[_Draft, ...]:
    """The article's own reading: its meeting reports before grouping. It depends on
    the article, the registry and the lexicons only, so it can be cached by content
    and computed in a worker process (drafts pickle)."""
    return tuple(_ArticleReader(reader, article).read())


def meetings_from_reports(per_article: Iterable[Sequence[_Draft]], reader: _Reader) -> list[Meeting]:
    """Group the articles' reports (from `read_reports`) into meetings. The drafts are
    copied first: grouping writes into them, and cached drafts are read again on the
    next build."""
    drafts = [replace(d, inferred=None, inferred_from=None, inferred_words="", group_flags=[])
              for ds in per_article for d in ds]
    if not drafts:
        return []
    return group_reports(drafts, reader)


def find_meetings(articles: Iterable[Article], registry, matcher, lexicon: Lexicon | None = None) -> list[Meeting]:
    """Every China-Belarus leader meeting reported in `articles`, oldest first,
    undated last; each with one report per article that reports it."""
    if registry is None or matcher is None:
        return []
    reader = make_reader(registry, matcher, lexicon)
    return meetings_from_reports((read_reports(a, reader) for a in articles), reader)
