"""Hostile seeds and registries: every one builds (a real `mkdocs build --strict` into
tmp_path), with a warning naming the file where something was skipped or changed, no
crash, no markup injected, and a failing strict build exactly where a warning was
issued. Big inputs go through the pipeline functions, with linear time checked by
ratios (4x the input -> under 8x the time) and by counting operations.

Small fixtures are in tests/hostile/ (see its README); binary, re-encoded, huge and
special files are generated here.
"""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import build_project, load_export, page_html, write_project
from mkdocs_china_belarus import cli
from mkdocs_china_belarus.clean import clean
from mkdocs_china_belarus.entities import Matcher, load_registry
from mkdocs_china_belarus.ingest import SeedFile, ingest
from mkdocs_china_belarus.linking import link_entities
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.render import source_page
from mkdocs_china_belarus.rules import load_rules

HOSTILE = Path(__file__).parent / "hostile"

GOOD = ("Good headline about rail freight\n\nA good seed about rail freight between Minsk and Chengdu, with enough "
        "words in it to read as an ordinary paragraph of article text for the cleaner.\n")
RU = ("Президент Беларуси Александр Лукашенко встретился в Пекине с председателем КНР Си Цзиньпином. Стороны "
      "обсудили торговлю, железнодорожные перевозки и строительство индустриального парка 'Великий камень' под Минском.")
ZH = "中国国家主席习近平在北京会见白俄罗斯总统卢卡申科。双方讨论了贸易、铁路货运以及明斯克附近中白工业园的建设。"
EN = ("Belarus and China agreed on Tuesday to expand rail freight through the industrial park near Minsk, "
      "officials said after the talks, which lasted most of the day.")


def png_bytes() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


# -- the cases ----------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    files: dict[str, bytes]
    warns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # seeds path -> words of its warning
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page slug -> texts it shows
    no_page: tuple[str, ...] = ()  # slugs that must not exist
    never: tuple[str, ...] = ()  # strings found nowhere in the built site
    setup: Callable | None = None


def _symlink_outside(root: Path, _mp) -> None:
    secret = root / "outside-secret.txt"
    secret.write_text("Outside secret headline\n\nTOP-SECRET-OUTSIDE-FILE must never be published.\n")
    os.symlink(secret, root / "seeds" / "linked.txt")


def _symlink_dir_outside(root: Path, _mp) -> None:
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "deep.txt").write_text("Deep headline\n\nTOP-SECRET-LINKED-FOLDER text.\n")
    os.symlink(root / "elsewhere", root / "seeds" / "folder-link")


def _symlink_loop(root: Path, _mp) -> None:
    os.symlink("loop-a.txt", root / "seeds" / "loop-b.txt")
    os.symlink("loop-b.txt", root / "seeds" / "loop-a.txt")
    os.symlink("self.txt", root / "seeds" / "self.txt")


def _fifo(root: Path, _mp) -> None:
    os.mkfifo(root / "seeds" / "pipe.txt")


def _unreadable(root: Path, monkeypatch) -> None:
    path = root / "seeds" / "locked.txt"
    path.write_text("Locked headline\n\nLOCKED-FILE-TEXT that nobody may read.\n")
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads any file whatever its mode: raise what the kernel raises for anyone else
        real = Path.read_bytes

        def read_bytes(self):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)


def _text(name: str, text: str) -> dict[str, bytes]:
    return {name: text.encode("utf-8")}


CASES = [
    # nothing to read: skipped, with the reason
    Case("empty", {"empty.txt": b""}, {"seeds/empty.txt": ("skipped", "empty file")}, no_page=("empty",)),
    Case("whitespace", {"blank.txt": b" \t\r\n\n   \r\n"}, {"seeds/blank.txt": ("skipped", "white space")},
         no_page=("blank",)),
    Case("lone-bom", {"bom.txt": b"\xef\xbb\xbf"}, {"seeds/bom.txt": ("skipped", "byte-order mark")}, no_page=("bom",)),
    Case("nul-bytes", {"nul.txt": b"Headline\n\nText with\x00NUL\x00bytes inside."},
         {"seeds/nul.txt": ("skipped", "NUL")}, no_page=("nul",)),
    Case("random-binary", {"noise.txt": random.Random(20251122).randbytes(8192)},
         {"seeds/noise.txt": ("skipped", "binary")}, no_page=("noise",)),
    Case("png-named-txt", {"photo.txt": png_bytes()}, {"seeds/photo.txt": ("skipped", "binary")}, no_page=("photo",),
         never=("IHDR",)),
    # encodings: decoded exactly, no warning
    Case("utf-8", _text("utf8.txt", "Заголовок в UTF-8\n\n" + RU), pages={"utf8": ("Заголовок в UTF-8", RU)}),
    Case("utf-8-bom", {"bom8.txt": b"\xef\xbb\xbf" + ("BOM headline\n\n" + EN).encode()},
         pages={"bom8": ("BOM headline", EN)}, never=("\ufeff",)),
    Case("utf-16-le", {"u16le.txt": b"\xff\xfe" + ("Заголовок UTF-16 LE\n\n" + RU).encode("utf-16-le")},
         pages={"u16le": ("Заголовок UTF-16 LE", RU)}, never=("\ufeff",)),
    Case("utf-16-be", {"u16be.txt": b"\xfe\xff" + ("Заголовок UTF-16 BE\n\n" + RU).encode("utf-16-be")},
         pages={"u16be": ("Заголовок UTF-16 BE", RU)}, never=("\ufeff",)),
    Case("windows-1251", {"cp1251.txt": ("Заголовок в windows-1251\n\n" + RU).encode("cp1251")},
         pages={"cp1251": ("Заголовок в windows-1251", RU)}),
    Case("koi8-r", {"koi8.txt": ("Заголовок в KOI8-R\n\n" + RU).encode("koi8_r")},
         pages={"koi8": ("Заголовок в KOI8-R", RU)}),
    Case("gb18030", {"gb.txt": ("中白关系标题\n\n" + ZH).encode("gb18030")}, pages={"gb": ("中白关系标题", ZH)}),
    Case("mixed-newlines", {"newlines.txt": b"Mixed newlines headline\r\nFirst line of text.\rSecond line of text."
                                             b"\nThird line of text.\r\n\r\nFourth line of text."},
         pages={"newlines": ("First line of text.", "Second line of text.", "Third line of text.",
                             "Fourth line of text.")}),
    # changed on the way in: built, with a warning saying what changed
    Case("invalid-utf-8-in-good-file", {"broken.txt": ("Заголовок\n\n" + RU).encode() + b"\xff\xfe\xc3"
                                        + "\n\nВ Минске прошли переговоры о новых кредитах и поставках калийных удобрений в Китай.".encode()},
         {"seeds/broken.txt": ("invalid UTF-8", "U+FFFD")}, pages={"broken": (RU, "\ufffd")}),
    Case("stray-bytes-in-ascii", {"stray.txt": ("Stray bytes headline\n\n" + EN).encode() + b" \xff\xfe "
                                  + EN.replace("Tuesday", "Monday").encode()},
         {"seeds/stray.txt": ("not valid UTF-8", "2 byte(s)", "guess")}, pages={"stray": ("Stray bytes headline",)}),
    Case("zero-width", _text("zw.txt", "Zero\u200bwidth headline\n\nText\u200b with a zero\u200dwidth joiner\u2060."),
         {"seeds/zw.txt": ("4 zero-width",)}, pages={"zw": ("Zerowidth headline",)}),
    Case("control-characters", _text("ctl.txt", "Control headline\n\nA bell\x07 and an escape\x1b[31m here."),
         {"seeds/ctl.txt": ("control character",)}, pages={"ctl": ("A bell  and an escape [31m here.",)},
         never=("\x1b", "\x07")),
    # markup in text seeds: shown as typed, never markup
    Case("markup", {"markup.txt": (HOSTILE / "seeds" / "markup.txt").read_bytes()},
         pages={"markup": ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                           '<iframe src="https://evil.example/frame"></iframe>', "[click](javascript:alert(3))",
                           "[data](data:text/html;base64,", "![pic](http://evil.example/x.png)", "[ref link][evil]",
                           "<http://evil.example/auto>", '[evil]: http://evil.example/ref "Reference title"',
                           '<a href="javascript:alert(5)" onclick="alert(6)">', "<svg onload=alert(7)>",
                           "<!-- an HTML comment in the seed -->", "<![CDATA[ cdata ]]>", "<?php echo 1; ?>",
                           "&lt;already escaped&gt; &amp; &#x3C;script&#x3E;", "{{ config.site_name }}",
                           "{% include 'secret.txt' %}", "{# comment #}", "<style>body { display: none }</style>",
                           '<meta http-equiv="refresh"', '<base href="https://evil.example/">',
                           "*emphasis* and **strong** and `code`", "footnote[^1]", "<plaintext>everything after")}),
    Case("front-matter-look-alike", {"front-matter.txt": (HOSTILE / "seeds" / "front-matter.txt").read_bytes()},
         pages={"front-matter": ("title: Injected front matter title", "template: ../../../../etc/passwd",
                                 "hide: [navigation, toc]", "Front matter headline")}),
    Case("markdown-table", {"table.txt": (HOSTILE / "seeds" / "table.txt").read_bytes()},
         pages={"table": ("| Name | Role |", "| <script>alert(9)</script> | [x](javascript:alert(10)) |",
                          "| --- | --- |")}),
    Case("very-long-words", _text("words.txt", "Long words headline\n\nA word " + "Belarus" * 30_000 + " and a URL "
                                  "https://evil.example/" + "a" * 50_000 + " end of the line."),
         pages={"words": ("Belarus" * 30_000, "https://evil.example/" + "a" * 50_000)}),
    Case("html-seed", {"page.html": (HOSTILE / "seeds" / "page.html").read_bytes()},
         pages={"page": ("Hostile HTML page headline", "expand rail freight through the Great Stone industrial park",
                         "financing of two new factories")},
         never=("alert(", "hunter2-secret", "csrf-secret-token", "injected by script", "evil.css", "tracker.js",
                "pixel.gif", "display:none")),
    # file names and the file system
    Case("file-names", {"with space.txt": b"Space headline\n\nA seed whose file name holds spaces.",
                        "Юникод 中文 é.txt": b"Unicode headline\n\nA seed with a Unicode file name.",
                        ".leading-dot.txt": b"Dot headline\n\nA seed whose file name starts with a dot.",
                        "UPPER.TXT": b"Upper headline\n\nA seed with an upper-case extension.",
                        "page #1?.txt": b"Hash headline\n\nA seed whose name holds URL syntax."},
         pages={"with-space": ("Space headline",), "Юникод-中文-é": ("Unicode headline",),
                "leading-dot": ("Dot headline",), "UPPER": ("Upper headline",), "page-1": ("Hash headline",)}),
    Case("same-stem-two-folders", {"a/same.txt": b"First same headline\n\nThe seed in folder a.",
                                   "b/same.txt": b"Second same headline\n\nThe seed in folder b."},
         pages={"a/same": ("First same headline", "The seed in folder a."),
                "b/same": ("Second same headline", "The seed in folder b.")}),
    Case("symlink-outside", {}, {"seeds/linked.txt": ("symbolic link", "outside the seeds folder", "not followed")},
         no_page=("linked",), never=("TOP-SECRET-OUTSIDE-FILE",), setup=_symlink_outside),
    Case("symlink-folder-outside", {}, {"seeds/folder-link": ("symbolic link", "folder outside", "not followed")},
         no_page=("folder-link/deep",), never=("TOP-SECRET-LINKED-FOLDER",), setup=_symlink_dir_outside),
    Case("symlink-loop", {}, {"seeds/loop-a.txt": ("loop", "not followed"), "seeds/loop-b.txt": ("loop",),
                              "seeds/self.txt": ("loop",)}, no_page=("loop-a", "self"), setup=_symlink_loop),
    Case("named-pipe", {}, {"seeds/pipe.txt": ("not a regular file", "skipped")}, no_page=("pipe",), setup=_fifo),
    Case("unreadable", {}, {"seeds/locked.txt": ("skipped", "permission denied")}, no_page=("locked",),
         never=("LOCKED-FILE-TEXT",), setup=_unreadable),
]

# Every element that could run or load something, or carry a handler.
RISKY = ("script", "iframe", "img", "object", "embed", "form", "input", "svg", "math", "style", "base", "meta",
         "link", "frame", "frameset", "video", "audio", "source", "plaintext", "xmp", "template")


# The plugin's own pictures ("Meetings compared", the overview): inline SVG of these elements only
PLUGIN_SVG = {"title", "rect", "text", "line", "a", "g"}


def _plugin_svg(el) -> bool:
    return (el.name == "svg" and "cb-svg" in el.get("class", [])
            and all(d.name in PLUGIN_SVG for d in el.find_all(True)))


def risky_elements(html: str) -> list[tuple]:
    soup = BeautifulSoup(html, "html.parser")
    out = []
    for el in soup.find_all(True):
        if _plugin_svg(el):
            continue  # its elements are checked one by one (handlers, URLs)
        handlers = sorted(a for a in el.attrs if a.lower().startswith("on"))
        url = (str(el.get("href", "")) + str(el.get("src", ""))).strip().lower()
        if el.name in RISKY or handlers or url.startswith(("javascript:", "data:", "vbscript:")):
            src = el.get("src")
            out.append((el.name, tuple(handlers), src.rsplit("/", 1)[-1] if src else None, el.get("type"),
                        el.get("name"), el.get("content") if el.name == "meta" else None))
    return out


def main_of(soup):
    return soup.select_one("article") or soup.select_one("div[role=main]")


def plugin_made_only(main) -> None:
    """Inside the page's main content, only elements the plugin writes."""
    allowed = {"h1", "h2", "div", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "details",
               "summary", "code", "span", "a"}
    for el in main.find_all(True):
        assert el.name in allowed, str(el)[:300]
        assert not any(a.lower().startswith("on") for a in el.attrs), str(el)[:300]
        if el.name == "a":
            assert {"cb-entity", "headerlink", "cb-link"} & set(el.get("class", [])), str(el)[:300]
            assert not el["href"].lower().startswith(("javascript:", "data:", "http")), el["href"]


def build_strict(cfg_path: Path, caplog) -> tuple[Path, bool, list[str]]:
    """A real strict build; returns (site_dir, aborted, warnings logged)."""
    caplog.clear()
    caplog.set_level(logging.INFO, logger="mkdocs")
    try:
        build_project(cfg_path, strict=True)
        aborted = False
    except Abort as exc:
        assert "strict mode" in str(exc)
        aborted = True
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    return cfg_path.parent / "site", aborted, warnings


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".js") and "assets" not in p.parts)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_seed_builds_warns_and_fails_strict_only_when_warned(tmp_path, caplog, monkeypatch, case):
    cfg_path = write_project(tmp_path, seeds={"good.txt": GOOD, **case.files})
    unblock = None
    if case.setup is not None:
        case.setup(tmp_path, monkeypatch)
    if case.id == "named-pipe":
        # Had the build opened the pipe, it would wait forever: after a while a writer
        # opens and closes the pipe, so the read ends (empty) and the test fails instead.
        def unblock_reader():
            try:
                os.close(os.open(tmp_path / "seeds" / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass  # nobody is reading: as it should be

        unblock = threading.Timer(15, unblock_reader)
        unblock.start()
    try:
        site, aborted, warnings = build_strict(cfg_path, caplog)
    finally:
        if unblock is not None:
            unblock.cancel()

    # a warning naming each affected file, with what happened; nothing else warned
    for path, words in case.warns.items():
        named = [w for w in warnings if f"{path}:" in w]
        assert len(named) == 1, (path, warnings)
        for word in words:
            assert word in named[0], (word, named[0])
    assert len(warnings) == len(case.warns), warnings
    # strict fails exactly when something was warned about
    assert aborted == bool(case.warns)

    # the rest of the site is built
    good = page_html(site, "sources/good/")
    assert "Good headline about rail freight" in good
    baseline = risky_elements(good)
    export = load_export(site)
    assert {p["path"] for p in export["problems"]} == set(case.warns)
    for slug, shown in case.pages.items():
        html = page_html(site, f"sources/{slug}/")
        soup = BeautifulSoup(html, "html.parser")
        main = main_of(soup)
        text = main.get_text()
        for literal in shown:
            assert literal in text, (slug, literal[:80])
        assert risky_elements(html) == baseline, slug  # the theme's own scripts, nothing more
        plugin_made_only(main)
    for slug in case.no_page:
        assert not (site / "sources" / slug).exists()
    published = site_text(site)
    for secret in case.never:
        assert secret not in published, secret


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_all_hostile_seeds_in_one_site(tmp_path, caplog, monkeypatch, theme):
    """Every case at once, in both themes: the site builds, each warning names its file,
    and no page (source pages, indexes, entity pages, home) carries a foreign element."""
    files = {"good.txt": GOOD.encode()}
    for case in CASES:
        if case.setup is None:
            files.update(case.files)
    cfg_path = write_project(tmp_path, seeds=files, theme=theme)
    for case in CASES:
        if case.setup is not None:
            case.setup(tmp_path, monkeypatch)
    site, aborted, warnings = build_strict(cfg_path, caplog)
    assert aborted
    expected = {p for c in CASES for p in c.warns}
    assert {w.split(": ", 2)[1] for w in warnings if "seeds/" in w} >= expected
    theme_own = set(risky_elements(page_html(site, "sources/good/"))) | set(risky_elements(page_html(site, "")))
    pages = [p for p in site.rglob("index.html") if "search" not in p.parts and "404" not in str(p)]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert set(risky_elements(html)) <= theme_own, page
        main = main_of(BeautifulSoup(html, "html.parser"))
        assert risky_elements(str(main)) == [], page
        for a in main.find_all("a", href=True):
            assert not a["href"].lower().startswith(("javascript:", "data:")), (page, a)
    published = site_text(site)
    for case in CASES:
        others = b"".join(data for c in CASES if c is not case for data in c.files.values())
        for secret in case.never:
            if secret.encode() not in others:  # "alert(" is literal text of another seed
                assert secret not in published, (case.id, secret)


def test_html_extractor_failure_skips_the_file_not_the_build(tmp_path, caplog, monkeypatch):
    import trafilatura

    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    cfg_path = write_project(tmp_path, seeds={"good.txt": GOOD, "deep.html": "<html><body><p>x</p></body></html>"})
    site, aborted, warnings = build_strict(cfg_path, caplog)
    assert aborted and len(warnings) == 1
    assert "seeds/deep.html: skipped: the HTML could not be read (RecursionError" in warnings[0]
    assert (site / "sources" / "good" / "index.html").exists() and not (site / "sources" / "deep").exists()


# -- registries with errors ------------------------------------------------------------------

REGISTRY_ERRORS = {
    "duplicate-ids.yml": ("entry 2 ('great-stone')", "duplicate id", "first defined by entry 1"),
    "shared-alias.yml": ("entry 2 ('mtz-club')", "alias 'MTZ' is already claimed by 'minsk-tractor'"),
    "unknown-kind.yml": ("entry 1 ('a-ship')", "unknown kind 'vessel'"),
    "empty-alias.yml": ("entry 1 ('gomel')", "alias 2 is an empty alias"),
    "malformed.yml": ("malformed YAML", "line "),
    "python-tag.yml": ("malformed YAML", "python/object/apply:os.system"),
}


@pytest.mark.parametrize("name", sorted(REGISTRY_ERRORS))
def test_broken_registry_stops_the_build_cleanly_naming_file_entry_and_problem(tmp_path, caplog, monkeypatch, name):
    """A broken registry is a configuration error (the site cannot be linked without
    it): the build stops with one message naming the file, the entry and the problem,
    never a traceback, never a half-written site, never a constructed object."""
    cfg_path = write_project(tmp_path, seeds={"good.txt": GOOD}, plugin={"entities": "registry.yml"})
    shutil.copy(HOSTILE / "registries" / name, tmp_path / "registry.yml")
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.INFO, logger="mkdocs")
    with pytest.raises(Abort):
        build_project(cfg_path)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    assert "china-belarus" in errors[0] and "registry.yml" in errors[0]
    for words in REGISTRY_ERRORS[name]:
        assert words in errors[0], (words, errors[0])
    assert not (tmp_path / "site" / "sources").exists()
    assert not (tmp_path / "PWNED-BY-YAML").exists()
    # the command line says the same and exits with status 2
    (tmp_path / "out").mkdir()
    code = cli.main(["export", "seeds", "-o", "out/briefing.json", "--entities", "registry.yml"])
    assert code == 2 and not (tmp_path / "out" / "briefing.json").exists()
    assert not (tmp_path / "PWNED-BY-YAML").exists()


def test_boilerplate_file_with_a_python_tag_is_refused(tmp_path, caplog):
    cfg_path = write_project(tmp_path, seeds={"good.txt": GOOD}, plugin={"boilerplate": "bp.yml"})
    (tmp_path / "bp.yml").write_text('drop:\n  - reason: !!python/object/apply:os.system ["touch PWNED"]\n'
                                     "    patterns: ['x']\n")
    caplog.set_level(logging.INFO, logger="mkdocs")
    with pytest.raises(Abort):
        build_project(cfg_path)
    assert any("bp.yml" in r.getMessage() and "malformed YAML" in r.getMessage() for r in caplog.records)
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


# -- big inputs: complete, and linear ------------------------------------------------------------

def _paragraphs(total_chars: int, seed: int = 1) -> str:
    """Distinct prose paragraphs (no duplicate lines, no shared sentences)."""
    rng = random.Random(seed)
    vocab = ("rail freight customs Minsk Chengdu factory loan bank park trade minister visit talks agreement "
             "engineers tractor potash dairy export import border corridor investment yuan rouble summit").split()
    bodies = [" ".join(rng.choice(vocab) for _ in range(60)) for _ in range(997)]
    out, size, i = [], 0, 0
    while size < total_chars:
        para = f"Paragraph {i} says that {bodies[i % 997]} and ends with number {i}."
        out.append(para)
        size += len(para) + 2
        i += 1
    return "\n\n".join(out)


def _seed(tmp_path: Path, name: str, data: bytes) -> SeedFile:
    path = tmp_path / name
    path.write_bytes(data)
    return SeedFile(path, name, f"seeds/{name}")


def test_20_mb_seed_loses_no_line(tmp_path):
    text = "Twenty megabytes headline\n\n" + _paragraphs(20_000_000)
    data = text.encode()
    assert len(data) >= 20_000_000
    doc = ingest(_seed(tmp_path, "big.txt", data), "big")
    assert doc.problems == () and doc.text == text
    art = clean(doc, load_rules())
    expected = [i for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    assert [ln.n for ln in art.lines] == expected
    page = source_page(art)
    anchors = set(re.findall(r'id="L(\d+)"', page))
    assert anchors == {str(ln.n) for ln in art.lines}


def test_2_mb_single_line_through_the_whole_page_pipeline(tmp_path):
    line = _paragraphs(2_000_000).replace("\n\n", " ")
    text = "Single line headline\n" + line
    doc = ingest(_seed(tmp_path, "line.txt", text.encode()), "line")
    art = clean(doc, load_rules())
    assert [ln.role for ln in art.lines] == ["title", "body"] and art.lines[1].clean == line
    html = _page_html(art)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(id="L2").get_text() == line


def test_100_000_short_lines_loses_no_line(tmp_path):
    text = "Many lines headline\n" + "\n".join(f"Line {i} of a long file about Minsk." for i in range(100_000))
    doc = ingest(_seed(tmp_path, "lines.txt", text.encode()), "lines")
    art = clean(doc, load_rules())
    assert len(art.lines) == 100_001
    assert sum(1 for ln in art.lines if ln.role == "body") == 100_000
    page = source_page(art)
    assert page.count('class="cb-line"') == 100_000


REGISTRY = load_registry()
MATCHER = Matcher(REGISTRY)


def _page_html(art) -> str:
    """Markdown page -> HTML as MkDocs renders it -> entity links."""
    from mkdocs.utils.meta import get_data

    body, _ = get_data(source_page(art))
    html = markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(body)
    return link_entities(html, MATCHER, REGISTRY, lambda e: f"../../entities/{e}/")[0]


def _stage_seconds(text: str) -> dict[str, float]:
    """Best of two runs of each stage of a source page: clean, render, Markdown, links."""
    from mkdocs.utils.meta import get_data

    best: dict[str, float] = {}
    for _ in range(2):
        t0 = time.perf_counter()
        art = clean(Document(id="x", source_path="seeds/x.txt", sha256="0" * 64, encoding="utf-8", text=text),
                    load_rules())
        t1 = time.perf_counter()
        page = source_page(art)
        t2 = time.perf_counter()
        html = markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(get_data(page)[0])
        t3 = time.perf_counter()
        link_entities(html, MATCHER, REGISTRY, lambda e: f"../../entities/{e}/", mode="all")
        t4 = time.perf_counter()
        for stage, seconds in (("clean", t1 - t0), ("render", t2 - t1), ("markdown", t3 - t2), ("link", t4 - t3)):
            best[stage] = min(best.get(stage, float("inf")), seconds)
    return best


SHARED = ("Officials in Minsk said the talks with the Chinese delegation went well and lasted most of the day. "
          "Both sides agreed to expand rail freight through the industrial park near the capital city. "
          "The ministers also discussed loans from Chinese banks for new factories in several regions. "
          "A joint statement promised more cooperation in education, science and culture next year. ")
SHAPES = {
    # many short lines (Minsk and Xi are linked on every line in mode "all")
    "short-lines": lambda n: "Title\n" + "\n".join(f"Line {i}: Xi met officials in Minsk." for i in range(n)),
    # one long line
    "one-line": lambda n: "Title\n" + " ".join(f"Sentence {i} mentions Minsk and Belarus once." for i in range(n)),
    # paragraphs sharing sentences (the repeated-promo rule relates every pair)
    "shared-sentences": lambda n: "Title\n\n" + "\n\n".join(
        f"Paragraph {i} opens the story. {SHARED}It ends here {i}." for i in range(n)),
}


@pytest.mark.parametrize("shape, n", [("short-lines", 1_500), ("one-line", 3_000), ("shared-sentences", 1_000)])
def test_each_stage_is_linear(shape, n):
    # Ratios of two sizes measured side by side, never a wall-clock limit: 4x the
    # input must take under 8x the time (quadratic work would take about 16x). Other
    # processes on the machine can slow one measurement: a stage passes when one of up
    # to three rounds shows it linear; quadratic work fails all three.
    floor = 0.005  # below a few milliseconds, timer noise decides the ratio
    best: dict[str, float] = {}
    for _ in range(3):
        small, large = _stage_seconds(SHAPES[shape](n)), _stage_seconds(SHAPES[shape](4 * n))
        for stage in small:
            ratio = max(large[stage], floor) / max(small[stage], floor)
            best[stage] = min(best.get(stage, float("inf")), ratio)
        if all(r < 8 for r in best.values()):
            break
    for stage, ratio in best.items():
        assert ratio < 8, f"{shape}: {stage} took {ratio:.1f}x the time for 4x the input"


def test_markdown_sees_a_bounded_number_of_raw_html_blocks():
    """Python-Markdown copies the rest of the page at the end of each raw HTML block:
    a page must not have one block per line (counting blocks, not seconds)."""
    from mkdocs.utils.meta import get_data

    def blocks(n: int) -> int:
        text = "Title\n" + "\n".join((f"## Heading {i}" if i % 3 == 0 else f"- item {i}" if i % 3 == 1
                                      else f"Line {i} of text.") for i in range(n))
        art = clean(Document(id="x", source_path="x", sha256="0" * 64, encoding="utf-8", text=text), load_rules())
        md = markdown.Markdown(extensions=["toc", "tables", "fenced_code"])
        md.convert(get_data(source_page(art))[0])
        return md.htmlStash.html_counter

    assert blocks(30) == blocks(3_000) <= 4


def test_real_build_of_a_one_megabyte_seed(tmp_path, caplog):
    text = "One megabyte headline\n\n" + _paragraphs(1_000_000, seed=7)
    cfg_path = write_project(tmp_path, seeds={"big.txt": text})
    site, aborted, warnings = build_strict(cfg_path, caplog)
    assert not aborted and warnings == []
    soup = BeautifulSoup(page_html(site, "sources/big/"), "html.parser")
    paragraphs = [p for p in text.split("\n\n")[1:]]
    shown = soup.select("p.cb-line")
    assert [p.get_text() for p in shown] == paragraphs


def test_article_headings_are_in_the_table_of_contents(tmp_path):
    lead = ("The two governments signed the agreement on Tuesday after three years of talks on customs, tariffs "
            "and the financing of the new freight terminals on both sides of the border.")
    one = ("Officials from both countries discussed trade and rail freight at length, and the ministers agreed to "
           "meet again in the spring to review the first figures of the new route and its costs.")
    two = ("The second part of the meeting dealt with education and tourism, with plans for student exchanges, "
           "direct flights between the two capitals and a joint exhibition at the national museum next year.")
    text = (f"Leaders agree on a new rail corridor\n\n{lead}\n\nFirst heading of the article\n{one}\n"
            f"Second <b>heading</b> & more\n{two}\n")
    cfg_path = write_project(tmp_path, seeds={"toc.txt": text})
    site, _ = build_project(cfg_path)
    soup = BeautifulSoup(page_html(site, "sources/toc/"), "html.parser")
    headings = soup.select("h2.cb-heading")
    assert [h.get_text() for h in headings] == ["First heading of the article", "Second <b>heading</b> & more"]
    toc = {a["href"]: a.get_text(strip=True) for a in soup.find_all("a", href=True) if a["href"].startswith("#L")}
    assert toc == {f"#{headings[0]['id']}": "First heading of the article",
                   f"#{headings[1]['id']}": "Second <b>heading</b> & more"}
