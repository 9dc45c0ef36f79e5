"""Small frozen dataclasses shared by every stage of the pipeline.

Nothing here imports MkDocs: the pipeline (ingest -> clean -> entities -> meetings ->
briefing -> render) is usable on its own, from the CLI or from a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("title", "meta", "body", "heading", "drop")


@dataclass(frozen=True)
class Problem:
    """A warning about one input: the file, optionally a line, and what happened."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Document:
    """One seed decoded to text (the output of `ingest`)."""

    id: str  # seed path relative to seeds_dir, no extension
    source_path: str  # path as given to the user (relative to mkdocs.yml / cwd)
    sha256: str  # of the raw bytes
    encoding: str  # codec the bytes were decoded as
    text: str  # normalised text (newlines, NFC, zero-width removed)
    format: str = "text"  # "text" | "html"
    hints: tuple[tuple[str, str], ...] = ()  # metadata from an HTML extractor
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Line:
    """One non-blank raw line and the role the cleaner gave it."""

    n: int  # 1-based raw line number
    role: str  # one of ROLES
    reason: str
    text: str  # the raw line (after ingest normalisation)
    clean: str = ""  # text shown on the page (repaired, list marker removed)
    list: str = ""  # "" | "ul" | "ol": body line that is a list item


@dataclass(frozen=True)
class Repair:
    n: int
    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    outlet: str | None = None
    published: str | None = None  # ISO 8601
    published_note: str | None = None  # how an ambiguous date was resolved
    updated: str | None = None
    byline: str | None = None
    byline_note: str | None = None  # affiliation after the name
    editor: str | None = None
    dateline: str | None = None
    wires: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    category: str | None = None
    notes: tuple[str, ...] = ()  # correction notes and the like


@dataclass(frozen=True)
class Article:
    """A cleaned seed: metadata, every line with its role, and the repairs made."""

    id: str
    source_path: str
    sha256: str
    encoding: str
    format: str
    meta: Metadata
    lines: tuple[Line, ...]
    repairs: tuple[Repair, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def title(self) -> str:
        return self.meta.title

    def kept(self) -> list[Line]:
        """Lines shown as page text (body and headings), in order."""
        return [ln for ln in self.lines if ln.role in ("body", "heading")]

    def text_lines(self) -> list[tuple[int, str]]:
        """(line number, clean text) of the title and the kept lines: what entities
        and meetings are read from."""
        return [(ln.n, ln.clean or ln.text) for ln in self.lines if ln.role in ("title", "body", "heading")]


@dataclass(frozen=True)
class Options:
    """Pipeline options (the plugin's config and the CLI's flags map onto these)."""

    section: str = "sources"
    use_directory_urls: bool = True
    boilerplate_min_seeds: int = 3
    extra_boilerplate: str | None = None  # path to a user's boilerplate YAML
    workers: int = 0  # 0 = automatic
    extensions: tuple[str, ...] = field(default=(".txt", ".md", ".html", ".htm"))


# Story families (`families.py` finds and describes them; kept here, with the other
# records, so that reading a briefing from the cache needs no numpy).

@dataclass(frozen=True)
class Carrier:
    """A member of a family that is not its original, and what it changed."""

    article: str
    copy: str  # "exact" | "near"
    shared: float  # share of shingles in common with the original (1.0 for an exact copy)
    headline: tuple[str, str] | None = None  # (original's, carrier's) when changed
    added: tuple[tuple[int, str], ...] = ()  # (line, text) the carrier has and the original lacks
    cut: tuple[tuple[int, str], ...] = ()  # (line of the original, text) the carrier lacks
    changed: tuple[tuple[int, int, str, str], ...] = ()  # (original line, carrier line, before, after)
    repairs: tuple[str, ...] = ()  # the cleaner's repairs of the carrier's text
    more: int = 0  # changed lines not listed (past families.MAX_LISTED per kind)

    @property
    def findings(self) -> list[str]:
        out = []
        if self.headline:
            out.append(f"headline changed from “{self.headline[0]}” to “{self.headline[1]}”")
        if self.added:
            out.append(f"{len(self.added)} paragraph(s) added")
        if self.cut:
            out.append(f"{len(self.cut)} paragraph(s) of the original cut")
        if self.changed:
            out.append(f"{len(self.changed)} paragraph(s) reworded")
        if self.repairs:
            out.append(f"{len(self.repairs)} repair(s) by the cleaner")
        return out or ["no difference in the kept text"]


@dataclass(frozen=True)
class Family:
    id: str
    original: str  # article id
    basis: str  # why that member is the original
    wire: str | None  # the wire service the family's pages credit, if any
    members: tuple[str, ...]  # original first, then the carriers by id
    carriers: tuple[Carrier, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)
