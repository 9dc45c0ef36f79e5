"""The frozen records of the comparison: a report (one article's account of one meeting) and a
meeting (the reports grouped), with the pieces they hold. No logic beyond properties."""

from __future__ import annotations

from dataclasses import dataclass

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
