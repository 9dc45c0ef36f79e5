"""Bytes to text, without loss: find the seeds, decode them, normalise the text.

Seed files are only ever read. Every decision that changes or skips something is
returned as a `Problem` so the caller (plugin or CLI) can warn about it.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .models import Document, Problem

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# Zero-width and invisible formatting characters that carry no text.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# C0/C1 control characters other than tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class SkipSeed(Exception):
    """The seed cannot be read as an article; the message says why."""


@dataclass(frozen=True)
class SeedFile:
    path: Path  # absolute path
    rel: str  # path relative to seeds_dir, POSIX separators
    display: str  # path shown to users (relative to the project or cwd)


def find_seeds(seeds_dir: str | os.PathLike, display_root: str | os.PathLike | None = None,
               extensions: tuple[str, ...] = SUPPORTED) -> tuple[list[SeedFile], list[Problem]]:
    """Every seed file under `seeds_dir`, recursively, sorted by relative path.

    Symbolic links that point outside `seeds_dir` are not followed (a warning says so);
    hidden folders (`.git`, `.cache`) are skipped.
    """
    root = Path(seeds_dir)
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(str(root), "seeds folder not found; no source pages are generated")]
    real_root = root.resolve()
    display_base = Path(display_root).resolve() if display_root else None
    exts = tuple(e.lower() for e in extensions)
    found: list[SeedFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in dirnames:  # os.walk does not descend into linked folders: say so when outside
            link = Path(dirpath) / d
            if link.is_symlink() and not _inside(link, real_root):
                problems.append(Problem(_display(link, display_base),
                                        "symbolic link to a folder outside the seeds folder; not followed"))
        for name in sorted(filenames):
            if not name.lower().endswith(exts):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            display = _display(path, display_base)
            if path.is_symlink():
                try:
                    target = path.resolve()
                except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
                    problems.append(Problem(display, "symbolic link that cannot be resolved (a loop); not followed"))
                    continue
                if not target.is_relative_to(real_root):
                    problems.append(Problem(display, "symbolic link to a file outside the seeds folder; not followed"))
                    continue
            try:
                mode = path.stat().st_mode
            except OSError:
                mode = None  # dangling link or vanished file: reading it reports the problem
            if mode is not None and not stat.S_ISREG(mode):
                # a named pipe would block the build forever, a device could be endless
                problems.append(Problem(display, "not a regular file (a pipe, socket or device); skipped"))
                continue
            found.append(SeedFile(path=path, rel=rel, display=display))
    found.sort(key=lambda s: s.rel)
    return found, problems


def _inside(link: Path, real_root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base).as_posix() if not path.is_symlink() else \
                path.absolute().relative_to(base).as_posix()
        except ValueError:
            pass
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def seed_ids(rels: list[str]) -> dict[str, str]:
    """Map each relative path to an article id: the path without its extension, made
    unique when two seeds differ only by extension (`a.txt`, `a.html` -> `a`, `a.html`)."""
    stems: dict[str, list[str]] = {}
    for rel in rels:
        stems.setdefault(_strip_ext(rel), []).append(rel)
    ids: dict[str, str] = {}
    for stem, group in stems.items():
        if len(group) == 1:
            ids[group[0]] = stem
        else:
            for rel in group:
                ids[rel] = stem + "." + rel.rsplit(".", 1)[1].lower()
    return ids


def _strip_ext(rel: str) -> str:
    head, _, tail = rel.rpartition("/")
    stem = tail.rsplit(".", 1)[0] if "." in tail.lstrip(".") else tail
    return f"{head}/{stem}" if head else stem


def read_bytes(seed: SeedFile) -> bytes:
    try:
        return seed.path.read_bytes()
    except PermissionError as exc:
        raise SkipSeed(f"cannot be read (permission denied): {exc.strerror or exc}") from exc
    except OSError as exc:
        raise SkipSeed(f"cannot be read: {exc.strerror or exc}") from exc


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode raw bytes. Returns (text, encoding, notes). Raises SkipSeed when the bytes
    are empty, binary or undecodable."""
    notes: list[str] = []
    if not data.strip():
        raise SkipSeed("empty file" if not data else "file holds only white space")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                text = data.decode(codec, errors="replace")
                notes.append(f"invalid {codec} sequences replaced with U+FFFD ({exc.reason})")
            if codec == "utf-8-sig":
                codec = "utf-8-sig"
            if not text.strip("\ufeff \t\r\n"):
                raise SkipSeed("file holds only a byte-order mark" if not text.strip("\ufeff") else "file holds only white space")
            return text, codec, notes
    if b"\x00" in data:
        raise SkipSeed("binary file (holds NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken sequences: keep UTF-8, mark the damage.
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = sum(1 for ch in loose if ord(ch) > 127 and ch != "\ufffd")
    if good >= 4 * bad and bad <= max(3, len(loose) // 100):
        notes.append(f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
        return loose, "utf-8", notes
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SkipSeed("undecodable: no text encoding fits these bytes")
    text = str(best)
    if _looks_binary(text):
        raise SkipSeed("binary file (mostly control characters), not text")
    encoding = _encoding_name(best.encoding)
    high = sum(map(len, re.findall(rb"[\x80-\xff]+", data)))
    if high <= max(3, len(data) // 100):
        # ASCII text with a handful of other bytes: stray bytes in a UTF-8 file or a few
        # accented letters in a legacy one, nothing tells which; the reader must check.
        notes.append(f"not valid UTF-8: {high} byte(s) outside ASCII decoded as {encoding}, "
                     "a guess from little evidence")
    return text, encoding, notes


def _encoding_name(codec: str) -> str:
    names = {"cp1251": "windows-1251", "cp1252": "windows-1252", "cp1250": "windows-1250",
             "koi8_r": "koi8-r", "koi8_u": "koi8-u", "gb18030": "gb18030", "utf_8": "utf-8",
             "big5": "big5", "gb2312": "gb2312", "shift_jis": "shift_jis", "latin_1": "iso-8859-1",
             "iso8859_5": "iso-8859-5", "mac_cyrillic": "mac-cyrillic", "cp866": "cp866"}
    return names.get(codec, codec.replace("_", "-"))


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return True
    controls = len(_CONTROL.findall(sample))
    return controls > len(sample) * 0.05


def normalise(text: str) -> tuple[str, list[str]]:
    """Newlines to \\n, Unicode to NFC, zero-width and control characters removed."""
    notes: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    if text.startswith("\ufeff"):  # the byte-order mark a UTF-16/32 codec leaves in place
        text = text[1:]
    zero = len(_ZERO_WIDTH.findall(text))
    if zero:
        text = _ZERO_WIDTH.sub("", text)
        notes.append(f"{zero} zero-width or invisible formatting character(s) removed")
    controls = len(_CONTROL.findall(text))
    if controls:
        text = _CONTROL.sub(" ", text)
        notes.append(f"{controls} control character(s) replaced with spaces")
    text = unicodedata.normalize("NFC", text)
    return text, notes


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """The article in an HTML page, as plain text lines, plus the metadata the
    extractor found (title, author, date, sitename)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, output_format="python", include_comments=False, include_tables=True,
        include_formatting=False, include_links=False, include_images=False, favor_recall=True,
        with_metadata=True,
        # Dates from the page's markup only: the extensive search reads "Copyright 2025" as 2025-01-01.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return "", {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    hints = {k: str(data[k]) for k in ("title", "author", "date", "sitename", "hostname") if data.get(k)}
    title = hints.get("title")
    if title and not text.lstrip().startswith(title):
        text = title + "\n\n" + text
    return text, hints


def ingest(seed: SeedFile, article_id: str, data: bytes | None = None) -> Document:
    """Read, decode and normalise one seed. Raises SkipSeed with the reason when the
    file cannot be used."""
    if data is None:
        data = read_bytes(seed)
    sha = hashlib.sha256(data).hexdigest()
    text, encoding, notes = decode(data)
    is_html = seed.rel.lower().endswith(HTML_SUFFIXES)
    hints: dict[str, str] = {}
    if is_html:
        text, _ = normalise(text)
        try:
            text, hints = extract_html(text)
        except Exception as exc:  # a third-party parser on untrusted markup: skip the file, not the build
            raise SkipSeed(f"the HTML could not be read ({type(exc).__name__}: {exc})") from exc
        if not text.strip():
            raise SkipSeed("no article text found in this HTML page")
    text, more = normalise(text)
    notes.extend(more)
    if not text.strip():
        raise SkipSeed("no text left after removing invisible characters")
    return Document(
        id=article_id, source_path=seed.display, sha256=sha, encoding=encoding, text=text,
        format="html" if is_html else "text", hints=tuple(sorted(hints.items())),
        problems=tuple(Problem(seed.display, note) for note in notes),
    )
