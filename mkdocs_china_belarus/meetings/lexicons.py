"""Knowledge of meeting reports: the topic and framing lexicons (`data/topics.yml`,
`data/framing.yml`, validated on load, cached), the phrase matcher they use, and the
built-in grammar of meeting reports (format cues, tense, recall, agreements, places)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import NoReturn

import ahocorasick

from ..rules import DataFileError, read_yaml
from .sentences import _alternation, _fold, _norm, _wordch

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
class Formula:
    """A stock formula of diplomatic language: its wordings are no evidence that two
    reports describe one meeting."""

    id: str
    note: str
    forms: tuple[str, ...]


def _formula_pattern(form: str) -> str:
    """A formula's wording as a pattern: words with any white space between them, '*'
    one to four words."""
    out = []
    for word in _norm(form).split():
        out.append(r"(?:\S+\s+){0,3}\S+" if word == "*" else re.escape(word))
    return r"\s+".join(out)


@dataclass(frozen=True)
class Lexicon:
    topics: tuple[Topic, ...]
    cues: tuple[FramingCue, ...]
    titles: tuple[Title, ...]
    demonyms: tuple[tuple[str, str], ...]  # (form, country id)
    files: tuple[str, ...] = ()
    formulas: tuple[Formula, ...] = ()  # stock formulas of diplomatic language (data/formulas.yml)

    @cached_property
    def formula_regex(self) -> re.Pattern | None:
        """Every stock formula in one pattern: group `f<i>` is formula i."""
        if not self.formulas:
            return None
        # one named group per formula, its forms the longest first
        parts = [f"(?P<f{i}>{'|'.join(sorted(map(_formula_pattern, f.forms), key=len, reverse=True))})"
                 for i, f in enumerate(self.formulas)]
        return re.compile(rf"(?<![\w'])(?:{'|'.join(parts)})(?![\w])", re.IGNORECASE)

    def formula_spans(self, text: str) -> list[tuple[int, int, Formula]]:
        """(start, end, formula) of the stock formulas in `text` (spans index `text`)."""
        rx = self.formula_regex
        if rx is None or not text:
            return []
        out = []
        norm = _norm(text)
        pos = 0
        while (m := rx.search(norm, pos)) is not None:  # overlapping formulas are all found
            i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            out.append((m.start(), m.end(), self.formulas[i]))
            pos = m.start() + 1
        return out

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
    def phrases(self) -> _Phrases:
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
        return name, resources.files("mkdocs_china_belarus").joinpath("data").joinpath(default).read_text(encoding="utf-8")
    try:
        return str(path), Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None


_Err = Callable[[str], NoReturn]  # raises a DataFileError naming the file and the entry


def _strings(value: object, err: _Err, what: str, allow_empty: bool = False) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list):
        err(f"'{what}' must be a list of strings, not {type(value).__name__}")
    out: list[str] = []
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


def _entry_err(name: str, section: str, i: int, entry: object) -> _Err:
    label = f" ('{entry['id']}')" if isinstance(entry, dict) and isinstance(entry.get("id"), str) else ""

    def err(problem: str) -> NoReturn:
        raise DataFileError(f"{name}: {section} entry {i}{label}: {problem}")

    return err


def _check_keys(entry: object, allowed: set, required: Iterable[str], err: _Err) -> None:
    if not isinstance(entry, dict):
        err(f"must be a mapping with {', '.join(sorted(allowed))}, not {type(entry).__name__}")
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        err(f"unknown key(s) {', '.join(repr(k) for k in unknown)} (allowed: {', '.join(sorted(allowed))})")
    for k in required:
        if k not in entry:
            err(f"missing '{k}'")


def _check_id(entry: dict, err: _Err, seen: dict[str, int], i: int) -> str:
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
    out: list[Topic] = []
    seen: dict[str, int] = {}
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
    cues: list[FramingCue] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(_entries(data, name, "cues"), 1):
        err = _entry_err(name, "cues", i, entry)
        _check_keys(entry, {"id", "forms"}, ("id", "forms"), err)
        ident = _check_id(entry, err, seen, i)
        forms = _strings(entry.get("forms"), err, "forms")
        _check_cues(forms, err)
        cues.append(FramingCue(ident, forms))
    assert isinstance(data, dict)  # checked by _entries
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
    demonyms: list[tuple[str, str]] = []
    for country, forms in dem.items():
        def err(problem: str, country=country) -> NoReturn:
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
def load_lexicon(topics_path: str | None = None, framing_path: str | None = None,
                 formulas_path: str | None = None) -> Lexicon:
    topics = load_topics(topics_path)
    cues, titles, demonyms = load_framing(framing_path)
    return Lexicon(topics, cues, titles, demonyms,
                   (topics_path or "data/topics.yml", framing_path or "data/framing.yml",
                    formulas_path or "data/formulas.yml"),
                   load_formulas(formulas_path))


def _parse_formulas(name: str, text: str) -> tuple[Formula, ...]:
    data = read_yaml(name, text)
    if isinstance(data, dict):
        extra = sorted(str(k) for k in data if k != "formulas")
        if extra:
            raise DataFileError(f"{name}: unknown top-level key(s) {', '.join(map(repr, extra))} (allowed: formulas)")
    out: list[Formula] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(_entries(data, name, "formulas"), 1):
        err = _entry_err(name, "formulas", i, entry)
        _check_keys(entry, {"id", "note", "forms"}, ("id", "note", "forms"), err)
        ident = _check_id(entry, err, seen, i)
        note = entry.get("note")
        if not isinstance(note, str) or not note.strip():
            err("note must be a non-empty string")
        forms = _strings(entry.get("forms"), err, "forms")
        for f in forms:
            words = f.split()
            if all(w == "*" for w in words):
                err(f"form {f!r} has no words")
            if any("*" in w and w != "*" for w in words):
                err(f"form {f!r}: '*' stands alone for one to four words")
            if len([w for w in words if w != "*"]) < 2:
                err(f"form {f!r} is a single word: a formula is a phrase")
        out.append(Formula(ident, note.strip(), forms))
    return tuple(out)


@lru_cache(maxsize=8)
def load_formulas(path: str | None = None) -> tuple[Formula, ...]:
    """Stock formulas from `data/formulas.yml` (or another file of the same shape)."""
    return _parse_formulas(*_read(path, "formulas.yml"))


def _check_cues(phrases: Sequence[str], err: _Err) -> None:
    """Cues are words or phrases; '*' may only end one (any word ending)."""
    for p in phrases:
        core = p[:-1] if p.endswith("*") else p
        if not core.strip():
            err(f"cue {p!r} is empty")
        if "*" in core:
            err(f"cue {p!r}: '*' may only end a cue (write the spellings out)")



def _automaton(entries: dict[str, object]):
    """An Aho-Corasick automaton finding each key of `entries` (its value the payload),
    or None when there is none."""
    if not entries:
        return None
    auto = ahocorasick.Automaton()
    for key, payload in entries.items():
        auto.add_word(key, payload)
    auto.make_automaton()
    return auto


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
        self.auto = _automaton({key: tuple(vals) for key, vals in by_key.items()})

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


def _casekey(text: str) -> str:
    """`text` in one case, such that a letter and every character that a case-insensitive
    pattern takes for it come out the same ("i", "I", the dotted "İ" and dotless "ı";
    "s" and the long "ſ"; "k" and the Kelvin sign "K"). A text has a word that a
    match of the pattern contains only if its key has the word's key.
    """
    return text.replace("\u0130", "i").lower().upper()


class _Stems:
    """Which of some patterns may match a text. Each pattern comes with its stems, words
    one of which every match of it contains; they are all found in one pass over the
    text's key (Aho-Corasick), and a pattern none of whose stems is there cannot match."""

    def __init__(self, stems: Iterable[tuple[object, str]]) -> None:
        by_key: dict[str, set] = defaultdict(set)
        for name, words in stems:  # words: the stems, separated by spaces
            for w in words.split():
                by_key[_casekey(w)].add(name)
        self.auto = _automaton({key: frozenset(names) for key, names in by_key.items()})

    def found(self, text: str) -> set:
        """The names of the patterns that may match `text`: any other cannot."""
        out: set = set()
        if self.auto is not None:
            for _end, names in self.auto.iter(_casekey(text)):
                out |= names
        return out


# ------------------------------------------------------------- meeting vocabulary

# (format, cue) in order of precedence: the most specific format found wins.
_FORMAT_CUES: tuple[tuple[str, str], ...] = (
    ("state visit", r"\bstate\s+visits?\b"),
    ("official visit", r"\bofficial\s+(?:friendly\s+)?visits?\b"),
    ("working visit", r"\bworking\s+visits?\b"),
    ("sidelines of a summit", r"\bsidelines\b|\bon\s+the\s+margins?\s+of\b"),
    ("multilateral event", r"\bparade\b|\bamong\s+(?:the\s+)?(?:\w+\s+){0,2}(?:leaders|guests|heads\s+of\s+state)\b"
                           r"|\b(?:other|foreign|visiting|world)\s+leaders\b|\bguests\s+of\s+honou?r\b"
                           r"|\bgroup\s+photo\b|\bheads\s+of\s+state\s+and\s+government\b"),
    ("video call", r"\bvideo\s*(?:call|link|conference|talks?|meeting|chat)s?\b|\bvideoconferenc\w*"
                   r"|\bvirtual\s+(?:meeting|talks|summit)\b|\bvia\s+video\b"),
    ("phone call", r"\b(?:tele)?phone\s+(?:call|conversation|talks?)s?\b|\bby\s+(?:tele)?phone\b"
                   r"|\bover\s+the\s+(?:tele)?phone\b|\b(?:tele)?phoned\b"),
    ("talks", r"(?i:\b(?:held|hold|holds|holding)\s+(?:\w+\s+){0,2}?(?:talks|meetings?|negotiations|discussions|consultations)\b"
              r"|\btalks\b|\bnegotiations\b|\bmet\b|\bmeets\b|\bmeet\b|\bmeeting\b|\bencounter\b|\bexchanged\s+views\b"
              r"|\bshook\s+hands\b|\bsummit\b|\bdiscussions?\b|\bconversation\b)"
              r"|(?i:\bspoke\s+(?:with|to))\s+(?=[A-Z]|the\s)"
              r"|(?i:\b(?:received|receives|receiving|welcom(?:ed|es|ing)))\s+"
              r"(?=[A-Z]|(?i:the\s+(?:visiting|[\w-]+\s+(?:president|leader|premier|prime|(?:foreign\s+)?minister))))"
              r"|(?i:\bhost(?:ed|s|ing))\s+(?=[A-Z])"),
    ("visit", r"(?i:\bvisit(?:s|ed|ing)?\b|\btrip\s+to\b|\barriv(?:ed|es|ing|e)\s+in\b|\barrival\b|\btour\s+of\b)"),
)
# The same formats in Russian and Belarusian reports (stems; case-insensitive).
_FORMAT_CUES_CYR: dict[str, str] = {
    "state visit": r"\bгосударственн\w+\s+визит\w*|\bдзяржаўн\w+\s+візіт\w*",
    "official visit": r"\bофициальн\w+\s+визит\w*|\bафіцыйн\w+\s+візіт\w*",
    "working visit": r"\bрабоч\w+\s+визит\w*|\bрабоч\w+\s+візіт\w*",
    "sidelines of a summit": r"\bна\s+полях\b|\bна\s+палях\b",
    "multilateral event": r"\bпарад\w*|\bсреди\s+(?:\w+\s+){0,2}(?:лидеров|гостей|глав)\b|\bзарубежн\w+\s+лидер\w*",
    "video call": r"\bвидеосвяз\w*|\bвидеоконференц\w*|\bвідэасувяз\w*",
    "phone call": r"\bтелефонн\w+\s+разговор\w*|\bпо\s+телефону\b|\bтэлефонн\w+\s+размов\w*",
    "talks": r"\bпереговор\w*|\bвстрет\w*|\bвстреч\w*|\bбесед\w*|\bперамов\w*|\bсустрэ\w*",
    "visit": r"\bвизит\w*|\bпосети\w*|\bпосеща\w*|\bприбыл\w*\s+в\b|\bвізіт\w*|\bнаведа\w*",
}
# ... and in German, Polish, French, Bulgarian, Ukrainian, Serbian, Croatian, Czech and
# Slovak reports (stems; case-insensitive).
_FORMAT_CUES_MORE: dict[str, str] = {
    "state visit": r"\bStaatsbesuch\w*|\bwizyt\w*\s+państwow\w*|\bvisite\s+d'[EÉ]tat|\bдържавн\w+\s+посещени\w*|国事访问"
                   r"|\bдержавн\w+\s+візит\w*|\bдржавн\w+\s+посет\w*|\bdržavn\w+\s+posj?et\w*"
                   r"|\bstátní\w*\s+návštěv\w*|\bštátn\w+\s+návštev\w*",
    "official visit": r"\boffiziell\w*\s+Besuch\w*|\boficjaln\w+\s+wizyt\w*|\bvisite\s+officielle|"
                      r"\bофициално\s+посещени\w*|正式访问",
    "working visit": r"\bArbeitsbesuch\w*|\bwizyt\w*\s+robocz\w*|\bvisite\s+de\s+travail|\bработно\s+посещени\w*|工作访问",
    "sidelines of a summit": r"\bam\s+Rande\b|\bna\s+marginesie\b|\ben\s+marge\b|\bв\s+кулоарите\b|期间会见|期间会晤|间隙",
    "multilateral event": (r"\b(?:Militär)?[Pp]arade\b|\bdefilad\w*|\bdéfilé\b|\bпарад\w*|\banderen\s+Staats"
                           r"|阅兵|各国领导人|外国领导人"),
    "video call": r"\bVideo(?:konferenz|schalte|gespräch)\w*|\bwideokonferencj\w*|\bvisioconférence\w*|"
                  r"\bвидеовръзка\w*|视频会晤|视频通话|视频连线",
    "phone call": r"\btelefonier\w*|\bTelefonat\w*|\bTelefongespräch\w*|\brozmow\w+\s+telefoniczn\w*|"
                  r"\bpar\s+téléphone\b|\bпо\s+телефона\b|通电话|电话交谈|通话",
    "talks": r"\bGespräch\w*|\bempf(?:ing|angen|ängt)\b|\btraf(?:en)?\b|\bgetroffen\b|\bTreffen\b|\bspotka\w*|"
             r"\bзустр\w*|\bсаста\w*|\bsasta\w*|\brazgovor\w*|\bpregovor\w*|\bпримио\b|\bprimio\b|"
             r"\bsetka\w*|\bjednal\w*|\bjednání\w*|\brozhovor\w*|\bpřijal\w*|\bstretol\w*|\bstretnut\w*|"
             r"\brokoval\w*|\brokovan\w*|"
             r"\brozmow\w*|\brencontr\w*|\bentretien\w*|\bs'est\s+entretenu\w*|\bразговор\w*|\bсреща\w*|"
             r"\bсрещна\w*|\bприе\b|\bпреговор\w*|会谈|会见|会晤|接见",
    "visit": r"\bBesuch\w*|\bbesucht\w*|\bwizyt\w*|\bodwiedzi\w*|\bvisite\w*|\bпосещени\w*|\bпосети\w*|访问|抵达|出访"
             r"|\bвізит\w*|\bпосет\w*|\bposjet\w*|\bposet\w*|\bnávštěv\w*|\bnávštev\w*",
}
_FORMAT_RX = tuple((f, re.compile(p if f in ("talks", "visit") else f"(?i:{p})"),
                    re.compile(f"{_FORMAT_CUES_CYR[f]}|{_FORMAT_CUES_MORE[f]}", re.I)) for f, p in _FORMAT_CUES)
# Stems of the cues above: every match of a format's English cues contains one of its
# stems, and so does every match of its cues in other languages (tests check both).
# Most clauses have none, and a pattern is searched only in a clause that has one of its stems.
_FORMAT_STEMS: dict[str, str] = {
    "state visit": "state",
    "official visit": "official",
    "working visit": "working",
    "sidelines of a summit": "sidelines margin",
    "multilateral event": "parade leaders guests photo heads",
    "video call": "video virtual",
    "phone call": "phone",
    "talks": "held hold talks negotiations met meet encounter exchanged shook summit discussion conversation "
             "spoke receiv welcom host",
    "visit": "visit trip arriv tour",
}
_FORMAT_STEMS_MORE: dict[str, str] = {
    "state visit": "государственн дзяржаўн staatsbesuch wizyt visite държавн 国事访问 державн државн državn "
                   "státní štátn",
    "official visit": "официальн афіцыйн offiziell oficjaln visite официално 正式访问",
    "working visit": "рабоч arbeitsbesuch wizyt visite работно 工作访问",
    "sidelines of a summit": "полях палях rande marginesie marge кулоарите 期间 间隙",
    "multilateral event": "парад среди зарубежн arade defilad défilé anderen 阅兵 领导人",
    "video call": "видео відэасувяз video wideokonferencj visioconférence 视频",
    "phone call": "телефон тэлефонн telefon téléphone 电话 通话",
    "talks": "переговор встрет встреч бесед перамов сустрэ gespräch empf traf getroffen treffen spotka зустр "
             "саста sasta razgovor pregovor примио primio setka jednal jednání rozhovor přijal stretol stretnut "
             "rokoval rokovan rozmow rencontr entretien entretenu разговор срещ прие преговор 会谈 会见 会晤 接见",
    "visit": "визит посеща прибыл візіт наведа besuch wizyt odwiedzi visite посещени посет 访问 抵达 出访 "
             "візит posjet poset návštěv návštev",
}
# (format, False): its English cues may match; (format, True): those of other languages
_CUE_STEMS = _Stems([((f, False), _FORMAT_STEMS[f]) for f, _ in _FORMAT_CUES]
                    + [((f, True), _FORMAT_STEMS_MORE[f]) for f, _ in _FORMAT_CUES])
# The cues of other languages are looked for only in text with a letter outside ASCII or
# one of these stems (a substring test costs next to nothing; most clauses have none).
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MORE_STEMS = ("traf", "treffen", "getroffen", "empf", "besuch", "spotka", "rozmow", "wizyt", "odwiedzi",
               "rencontr", "entretien", "entretenu", "visite", "parade", "defilad", "video", "telefon", "rande",
               "margines", "marge", "arbeitsbesuch", "oficjaln", "robocz", "anderen", "sasta", "razgovor",
               "pregovor", "primio", "setka", "jednal", "rozhovor", "stretol", "stretnut", "rokoval", "rokovan",
               "posjet", "poset")


def _other_language(text: str) -> bool:
    if _NON_ASCII.search(text):
        return True
    low = text.lower()
    return any(stem in low for stem in _MORE_STEMS)
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
_ANAPHOR_STEMS = "meeting talks visit trip discussion negotiations encounter summit conversation call leaders " \
                 "presidents heads sides men two they"  # every match of _ANAPHOR has one (tests check it)
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
                     r"\bback\s+in\b|\blast\s+(?:visited|met)\b|\bprevious\s+(?:visit|meeting|talks|trip)\b|"
                     r"\bhad\s+(?:already\s+)?(?:met|visited|held|hosted|received|paid)\b|\blast\s+year'?s\b|"
                     r"\bsince\s+(?:their|his)\s+(?:first|last)\b|\bранее\b|\bв\s+прошлом\s+году\b|\bzuvor\b|"
                     r"\bim\s+vergangenen\s+Jahr\b|\bletztes\s+Jahr\b", re.I)
# Arrivals and departures: their day is not the talks' day.
_ARRIVAL = re.compile(r"\barriv(?:ed|es|ing|al)\b|\blanded\b|\bflew\s+(?:in|into|to)\b|\bdepart(?:ed|s|ing|ure)\b|"
                      r"\bleft\s+for\b|\bset\s+off\b|\bприбыл\w*|\bприлетел\w*|\bвылетел\w*|\bтраф\s+ein\b|"
                      r"\bangekommen\b|\breiste\w*\s+ab\b", re.I)
_MEETING_VERB = re.compile(r"\b(?:met|meets|held\s+talks|holds\s+talks|talks\s+with|received|welcomed|hosted|"
                           r"signed|discussed)\b|\bпереговор\w*|\bвстрет\w*|\bGespräch\w*|\bempf(?:ing|angen)\b",
                           re.I)
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

_LOCATIVE = re.compile(
    r"(?:\b(?:in|to|at|into|inside)\s+(?:the\s+)?(?:(?:\w+\s+)?capital(?:\s+city)?(?:\s+of)?\s+)?"
    r"|\bvisit(?:s|ed|ing)?\s+(?:to\s+)?|\btrip\s+to\s+|\btour\s+of\s+|\barriv(?:ed|es|ing|e)\s+in\s+"
    r"|(?<!\w)(?:в|во|у|ў|w|we|na|am|im|à|en|v|ve|u)\s+|\bпосети\w*\s+|\bнаведа\w*\s+"
    r"|(?:在|赴|抵达|到访|访问)\s*(?:[\u4e00-\u9fff]{2,4}\s*)?)$", re.I)
_SUMMIT_PLACE = re.compile(r"\b(?:summit|forum|meeting|sidelines?)\b[^.;]{0,80}?\bin\s+(?P<p>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_UNKNOWN_PLACE = re.compile(r"(?<![\w'])(?:in|to|at)\s+(?P<p>[A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]{2,})?)(?![\w'])"
                            r"(?!\s+(?:University|Institute|Forum|Hall|Palace|House|Conference|Centre|Center))")




def _format_of(text: str) -> str | None:
    """The format of the first cue in precedence order (English cues, then those of
    other languages when the text may be in one), or None."""
    may = _CUE_STEMS.found(text)
    if not may:
        return None
    more = _other_language(text)
    for fmt, rx, rx_more in _FORMAT_RX:
        if ((fmt, False) in may and rx.search(text)) or (more and (fmt, True) in may and rx_more.search(text)):
            return fmt
    return None


def _first_cue_offset(text: str) -> int | None:
    may = _CUE_STEMS.found(text)
    if not may:
        return None
    best = None
    more = _other_language(text)
    for fmt, rx, rx_more in _FORMAT_RX:
        for r, other in ((rx, False), (rx_more, True)):
            if (other and not more) or (fmt, other) not in may:
                continue
            m = r.search(text)
            if m and (best is None or m.start() < best):
                best = m.start()
    return best
