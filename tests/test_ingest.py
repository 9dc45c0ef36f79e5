"""Bytes to text: encodings, normalisation, bad input, finding seeds, HTML."""

from __future__ import annotations

import os
import time

import pytest

from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.ingest import SeedFile, SkipSeed, decode, find_seeds, ingest, normalise, seed_ids
from mkdocs_china_belarus.rules import load_rules

RUSSIAN = "Президент Беларуси Александр Лукашенко встретился в Пекине с председателем КНР Си Цзиньпином.\n"


@pytest.mark.parametrize("data, encoding", [
    ("Привет, Минск — 你好\n".encode(), "utf-8"),
    (b"\xef\xbb\xbf" + "Привет, Минск\n".encode(), "utf-8-sig"),
    (b"\xff\xfe" + "Привет, Минск\n".encode("utf-16-le"), "utf-16-le"),
    (b"\xfe\xff" + "Привет, Минск\n".encode("utf-16-be"), "utf-16-be"),
])
def test_unicode_encodings(data, encoding):
    text, enc, notes = decode(data)
    assert enc == encoding
    assert text.lstrip("\ufeff").startswith("Привет, Минск")
    assert notes == []


def test_windows_1251_russian_is_detected():
    text, enc, _ = decode((RUSSIAN * 3).encode("cp1251"))
    assert enc == "windows-1251"
    assert text == RUSSIAN * 3


def test_invalid_utf8_in_the_middle_of_a_good_file_is_kept_as_utf8_and_reported():
    data = ("Лукашенко и Си Цзиньпин. " * 20).encode() + b"\xff\xfe\xfa" + ("Минск. " * 20).encode()
    text, enc, notes = decode(data)
    assert enc == "utf-8"
    assert "\ufffd" in text and text.startswith("Лукашенко")
    assert "invalid UTF-8" in notes[0]


@pytest.mark.parametrize("data, why", [
    (b"", "empty"),
    (b"  \n\t\r\n ", "white space"),
    (b"\xef\xbb\xbf", "byte-order mark"),
    (b"text\x00with\x00nul bytes", "NUL"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL"),
])
def test_unusable_bytes_raise_skip_with_reason(data, why):
    with pytest.raises(SkipSeed, match=why):
        decode(data)


def test_normalise_newlines_nfc_zero_width():
    text, _ = normalise("a\r\nb\rc\nCafe\u0301\u200b x\u200d\ufeffy")
    assert text == "a\nb\nc\nCafé xy"


def test_find_seeds_recursive_extensions_symlinks(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / ".git").mkdir()
    (seeds / "a.txt").write_text("A")
    (seeds / "B.TXT").write_text("B")
    (seeds / "sub" / "a.txt").write_text("A2")
    (seeds / "page.html").write_text("<p>x</p>")
    (seeds / "notes.docx").write_text("no")
    (seeds / ".git" / "c.txt").write_text("no")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    os.symlink(outside, seeds / "link.txt")
    os.symlink(seeds / "a.txt", seeds / "inside.txt")
    found, problems = find_seeds(seeds, tmp_path)
    assert [s.rel for s in found] == ["B.TXT", "a.txt", "inside.txt", "page.html", "sub/a.txt"]
    assert len(problems) == 1 and "outside the seeds folder" in problems[0].message
    assert problems[0].path == "seeds/link.txt"
    ids = seed_ids([s.rel for s in found])
    assert ids["a.txt"] == "a" and ids["sub/a.txt"] == "sub/a"


def test_missing_seeds_folder_is_a_problem_not_an_error(tmp_path):
    found, problems = find_seeds(tmp_path / "nope")
    assert found == [] and "not found" in problems[0].message


def test_same_stem_different_extensions_get_distinct_ids():
    assert seed_ids(["x.txt", "x.html", "y.md"]) == {"x.txt": "x.txt", "x.html": "x.html", "y.md": "y"}


def test_ingest_records_hash_and_never_writes(tmp_path):
    p = tmp_path / "s.txt"
    p.write_bytes((RUSSIAN * 2).encode("cp1251"))
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    doc = ingest(SeedFile(p, "s.txt", "seeds/s.txt"), "s")
    assert doc.encoding == "windows-1251" and doc.text.startswith("Президент")
    import hashlib

    assert doc.sha256 == hashlib.sha256(before[0]).hexdigest()
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_html_seed_is_extracted_then_cleaned(tmp_path):
    page = """<html><head><title>Leaders meet | Steppe Post</title><script>var x = "tracking";</script></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Leaders meet in Minsk</h1>
    <p>MINSK (AP) — The leaders of Belarus and China met on Tuesday to discuss trade, rail freight and the
    financing of new factories, officials said after the talks ended late in the evening.</p>
    <p>Both sides signed eight agreements covering customs, education and the industrial park near Minsk,
    according to a statement published by the presidential press service on its website.</p>
    </article><footer>Copyright 2025 Steppe Post</footer><script>alert(1)</script></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(page)
    doc = ingest(SeedFile(p, "page.html", "seeds/page.html"), "page")
    assert doc.format == "html"
    assert "alert(1)" not in doc.text and "tracking" not in doc.text
    art = clean(doc, load_rules())
    kept = " ".join(ln.clean for ln in art.kept())
    assert "eight agreements" in kept and "The leaders of Belarus and China met" in kept
    assert art.meta.dateline == "MINSK" and "AP" in art.meta.wires


def _clean_seconds(text: str) -> float:
    from mkdocs_china_belarus.models import Document

    d = Document(id="x", source_path="x", sha256="", encoding="utf-8", text=text)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        clean(d, load_rules())
        best = min(best, time.perf_counter() - t)
    return best


def test_cleaning_is_linear_in_a_single_long_line():
    # Ratio of two sizes measured side by side, not a wall-clock limit.
    unit = "Belarus and China discussed trade, rail transport and investment in Minsk. "
    small, large = unit * 3_000, unit * 12_000  # ~0.25 MB and ~1 MB on one line
    ratio = _clean_seconds("Title\n" + large) / _clean_seconds("Title\n" + small)
    assert ratio < 8, f"4x the input took {ratio:.1f}x the time"


def test_cleaning_is_linear_in_many_short_lines():
    small = "\n".join(f"Line {i} of a long file about Minsk." for i in range(5_000))
    large = "\n".join(f"Line {i} of a long file about Minsk." for i in range(20_000))
    ratio = _clean_seconds("Title\n" + large) / _clean_seconds("Title\n" + small)
    assert ratio < 8, f"4x the lines took {ratio:.1f}x the time"


def test_html_copyright_year_is_not_a_publication_date(tmp_path):
    page = ("<html><head><title>Talks in Minsk</title></head><body><article><h1>Talks in Minsk</h1>"
            "<p>" + "The leaders met in Minsk to discuss trade and rail freight. " * 5 + "</p></article>"
            "<footer>Copyright 2025 Example News</footer></body></html>")
    p = tmp_path / "p.html"
    p.write_text(page)
    doc = ingest(SeedFile(p, "p.html", "seeds/p.html"), "p")
    assert clean(doc, load_rules()).meta.published is None


def test_html_meta_date_is_used(tmp_path):
    page = ('<html><head><title>Talks in Minsk</title><meta property="article:published_time" content="2025-06-04T10:00:00+03:00">'
            "</head><body><article><h1>Talks in Minsk</h1><p>" + "The leaders met in Minsk to discuss trade. " * 6 +
            "</p></article></body></html>")
    p = tmp_path / "p.html"
    p.write_text(page)
    doc = ingest(SeedFile(p, "p.html", "seeds/p.html"), "p")
    assert clean(doc, load_rules()).meta.published.startswith("2025-06-04")
