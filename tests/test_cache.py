"""The cache on disk (`.cache/plugin/china-belarus/`): a second build redoes nothing,
a stale entry is redone, a registry or data file edit invalidates, a damaged or
foreign file is ignored and rewritten (never trusted, never a crash), two builds at
once leave a whole file, and the exports are the same with the cache on, off, cold
or warm. Real `mkdocs build`s into tmp_path."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS, build_project, load_export, page_html, write_project
from mkdocs_china_belarus import cache as cache_mod
from mkdocs_china_belarus.cache import (
    FILE_NAME,
    MAGIC,
    DiskCache,
    cache_key,
    package_fingerprint,
)

CACHE = Path(".cache/plugin/china-belarus") / FILE_NAME

ARTICLES = {
    f"s{i}.txt": f"Headline number {i}\n\nPublished: 2024-0{i + 1}-1{i}\n\n"
                 f"Text of article {i} about Minsk and Beijing, with enough words to read as prose.\n"
    for i in range(4)
}


def _build(root: Path, **plugin):
    """Build the project at `root` with a fresh MkDocs config and plugin instance (as a
    new `mkdocs build` process would); return (site, plugin)."""
    cfg_path = root / "mkdocs.yml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["plugins"] = ["search", {"china-belarus": plugin}]
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    site, config = build_project(cfg_path)
    return site, config.plugins["china-belarus"]


def _outputs(site: Path) -> tuple[bytes, bytes]:
    return (site / "briefing.json").read_bytes(), (site / "comparison.csv").read_bytes()


def _full(n: int) -> dict:
    return {"ingest": n, "clean": n, "read": n}


NOTHING = {"ingest": 0, "clean": 0, "read": 0}


@pytest.fixture
def project(tmp_path):
    write_project(tmp_path, copy_seeds=True)
    return tmp_path


def test_second_build_reads_everything_from_disk(project):
    n = len(list(SEEDS.iterdir()))
    site, plugin = _build(project)
    assert plugin.cache.work == _full(n) and plugin.cache.groupings == 1
    assert (project / CACHE).is_file()
    first = _outputs(site)
    site, plugin = _build(project)
    assert plugin.cache.work == NOTHING, "an unchanged project is neither read, cleaned nor re-read"
    assert plugin.cache.groupings == 0, "the meetings are not grouped again"
    assert _outputs(site) == first


def test_exports_identical_with_cache_on_off_cold_warm(project):
    site, plugin = _build(project, cache=False)
    assert not (project / ".cache").exists(), "cache: false writes nothing"
    off = _outputs(site)
    page_off = page_html(site, "sources/004_cc17cc64c82bebc4/")
    _, plugin = _build(project)  # cold
    assert plugin.cache.work["clean"] > 0
    cold = _outputs(project / "site")
    site, plugin = _build(project)  # warm
    assert plugin.cache.work == NOTHING
    assert off == cold == _outputs(site)
    assert page_html(site, "sources/004_cc17cc64c82bebc4/") == page_off, "the pages too"
    # warm again after a cache: false build in between (which leaves the file alone)
    _build(project, cache=False)
    site, plugin = _build(project)
    assert plugin.cache.work == NOTHING and _outputs(site) == off


def test_cache_dir_option(project):
    _build(project, cache_dir="var/cb-cache")
    assert (project / "var" / "cb-cache" / FILE_NAME).is_file()
    assert not (project / ".cache").exists()


def test_cache_dir_inside_docs_dir_is_a_config_error(project):
    from mkdocs.exceptions import Abort, PluginError

    with pytest.raises((PluginError, Abort)):
        _build(project, cache_dir="docs/.cache")
    assert not (project / "docs" / ".cache").exists()


def test_stale_entries_are_redone_and_dropped(tmp_path):
    write_project(tmp_path, seeds=ARTICLES)
    site, plugin = _build(tmp_path)
    assert plugin.cache.work == _full(4)
    (tmp_path / "seeds" / "s2.txt").write_text("A new headline\n\nEdited text about Minsk.\n", encoding="utf-8")
    (tmp_path / "seeds" / "s3.txt").unlink()
    site, plugin = _build(tmp_path)
    assert plugin.cache.work == _full(1), "only the edited seed is read and cleaned again"
    assert "A new headline" in page_html(site, "sources/s2/")
    payload = DiskCache(tmp_path / CACHE.parent, plugin.disk.key).load()
    assert payload is not None
    assert sorted(k[1] for k in payload["documents"]) == ["s0", "s1", "s2"], "the deleted seed left the cache"
    assert len(payload["articles"]) == len(pickle.loads(payload["reading"])["readings"]) == 3
    # a cold build gives the same result as this warm one
    warm = _outputs(site)
    site, _ = _build(tmp_path, cache=False)
    assert _outputs(site) == warm


def test_registry_edit_invalidates(tmp_path):
    registry = tmp_path / "people.yml"
    registry.write_text(yaml.safe_dump({"entities": [
        {"id": "headline-person", "name": "Number Two", "kind": "person", "aliases": [],
         "description": "A test entity"}]}), encoding="utf-8")
    write_project(tmp_path, seeds=ARTICLES)
    opts = {"entities": "people.yml"}
    site, plugin = _build(tmp_path, **opts)
    assert plugin.cache.work == _full(4)
    _, plugin = _build(tmp_path, **opts)
    assert plugin.cache.work == NOTHING
    registry.write_text(yaml.safe_dump({"entities": [
        {"id": "minsk-article", "name": "Text of article", "kind": "initiative", "aliases": [],
         "description": "An entity the articles all mention"}]}), encoding="utf-8")
    site, plugin = _build(tmp_path, **opts)
    assert plugin.cache.work["read"] == 4, "every article is read again for the new registry"
    data = load_export(site)
    assert all(a["mentions"].get("minsk-article") == 1 for a in data["articles"])
    assert "headline-person" not in json.dumps(data["entities"])
    site_off, _ = _build(tmp_path, cache=False, **opts)
    assert _outputs(site) == _outputs(site_off)


def test_boilerplate_file_and_options_are_in_the_key(tmp_path):
    extra = tmp_path / "bp.yml"
    extra.write_text("drop: []\n", encoding="utf-8")
    k1 = cache_key([str(extra)], boilerplate_min_seeds=3)
    extra.write_text("drop:\n  - reason: test\n    patterns: ['^Text of article']\n", encoding="utf-8")
    k2 = cache_key([str(extra)], boilerplate_min_seeds=3)
    assert k1 != k2 != cache_key([str(extra)], boilerplate_min_seeds=4)
    assert cache_key([None, str(extra)], a=1) == cache_key([str(extra)], a=1)


def test_every_package_data_file_is_in_the_key(tmp_path, monkeypatch):
    data = tmp_path / "pkg"
    shutil.copytree(cache_mod.PACKAGE_DIR / "data", data / "data")
    before = package_fingerprint(data)
    (data / "data" / "model.bin").write_bytes(b"\x00weights")
    added = package_fingerprint(data)
    assert added != before, "a new data file (a model) changes the key"
    (data / "data" / "model.bin").write_bytes(b"\x01weights")
    assert package_fingerprint(data) not in (before, added), "so does a changed one"
    # the installed package's files and version are in every key
    k = cache_key([], x=1)
    monkeypatch.setattr(cache_mod, "package_fingerprint", lambda: "something else")
    assert cache_key([], x=1) != k
    monkeypatch.setattr(cache_mod, "__version__", "99.0")
    assert cache_key([], x=1) != k


def _valid_file(project: Path) -> bytes:
    return (project / CACHE).read_bytes()


def _damaged(raw: bytes, key: str) -> dict[str, bytes]:
    header_end = raw.index(b"\n", len(MAGIC)) + 1
    header = json.loads(raw[len(MAGIC):header_end])
    wrong_key = MAGIC + json.dumps({**header, "key": "0" * 64}).encode() + b"\n" + raw[header_end:]
    flipped = bytearray(raw)
    flipped[header_end + 100] ^= 0xFF
    shape = pickle.dumps({"documents": "not a dict", "articles": {}, "reading": b""})
    import hashlib

    bad_shape = MAGIC + json.dumps({**header, "length": len(shape),
                                    "sha256": hashlib.sha256(shape).hexdigest()}).encode() + b"\n" + shape
    junk = b"\x80\x05junk that is not a pickle"
    bad_pickle = MAGIC + json.dumps({**header, "length": len(junk),
                                     "sha256": hashlib.sha256(junk).hexdigest()}).encode() + b"\n" + junk
    return {
        "empty": b"",
        "truncated": raw[: len(raw) // 2],
        "header only": raw[:header_end],
        "flipped byte": bytes(flipped),
        "foreign pickle": pickle.dumps({"documents": {}, "articles": {}}),
        "foreign text": b"some other tool's cache\n" * 100,
        "binary noise": os.urandom(4096),
        "other key": wrong_key,
        "damaged header": MAGIC + b"{not json\n" + raw[header_end:],
        "wrong shape": bad_shape,
        "not a pickle": bad_pickle,
    }


def test_damaged_or_foreign_cache_file_is_ignored_and_rewritten(project):
    n = len(list(SEEDS.iterdir()))
    site, plugin = _build(project)
    reference = _outputs(site)
    raw = _valid_file(project)
    for name, content in _damaged(raw, plugin.disk.key).items():
        (project / CACHE).write_bytes(content)
        site, plugin = _build(project)
        assert plugin.cache.work == _full(n), f"{name}: nothing trusted"
        assert _outputs(site) == reference, name
        assert DiskCache(project / CACHE.parent, plugin.disk.key).load() is not None, f"{name}: rewritten"
        _, plugin = _build(project)
        assert plugin.cache.work == NOTHING, f"{name}: the rewritten file is used"


def test_cache_path_that_cannot_be_written_is_not_an_error(project, plugin_log):
    (project / "blocked").write_text("a file where the cache folder would go", encoding="utf-8")
    site, plugin = _build(project, cache_dir="blocked/cache")
    assert (site / "briefing.json").is_file()
    assert plugin.disk.problem and "not written" in plugin.disk.problem
    assert not [r for r in plugin_log.records if r.levelname == "WARNING"]
    # a directory where the cache file would go
    (project / CACHE).mkdir(parents=True)
    site, plugin = _build(project)
    assert (site / "briefing.json").is_file()


def test_concurrent_saves_and_loads_never_see_a_partial_file(tmp_path):
    disk = DiskCache(tmp_path, "k")
    payloads = [{"documents": {i: "x" * (1000 * i)}, "n": i} for i in range(1, 9)]
    seen, errors = [], []

    def writer(p):
        for _ in range(15):
            assert disk.save(p)

    def reader():
        for _ in range(60):
            try:
                got = DiskCache(tmp_path, "k").load()
            except Exception as exc:
                errors.append(exc)
                return
            if got is not None:
                seen.append(got["n"])
                assert got in payloads

    threads = [threading.Thread(target=writer, args=(p,)) for p in payloads]
    threads += [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert disk.load() in payloads
    assert not [p for p in tmp_path.iterdir() if p.name != FILE_NAME], "no temporary file left behind"


def test_two_builds_at_once_leave_a_whole_cache(project):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    procs = [subprocess.Popen([*cmd, "-d", str(project / f"site{i}")], env=env, stderr=subprocess.PIPE)
             for i in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()[-2000:]
    assert _outputs(project / "site0") == _outputs(project / "site1")
    site, plugin = _build(project)
    assert plugin.cache.work == NOTHING, "the file the two builds left is whole and used"
    assert _outputs(site) == _outputs(project / "site0")
    assert [p.name for p in (project / CACHE.parent).iterdir()] == [FILE_NAME]


def test_relinking_a_hand_written_page_keeps_every_entry(tmp_path):
    """A warm build that only links an edited hand-written page saves the cache again:
    the entries it took whole from the file (readings, meetings) are kept."""
    write_project(tmp_path, seeds=ARTICLES)
    _build(tmp_path)
    _, plugin = _build(tmp_path)
    assert plugin.cache.work == NOTHING
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nNow about Beijing.\n", encoding="utf-8")
    site, plugin = _build(tmp_path)
    assert plugin.cache.work == NOTHING and "Now about" in page_html(site, "")
    (tmp_path / "seeds" / "s2.txt").write_text("A new headline\n\nEdited text about Minsk.\n", encoding="utf-8")
    _, plugin = _build(tmp_path)
    assert plugin.cache.work == _full(1), "only the edited seed is read again"


def test_broken_boilerplate_file_is_an_error_with_a_warm_cache(tmp_path):
    """A warm cache skips loading the rules only under its key, which hashes the
    boilerplate file: an edited, broken file is still reported (in a new process, as
    `mkdocs build` runs)."""
    write_project(tmp_path, seeds=ARTICLES)
    (tmp_path / "bp.yml").write_text("drop: []\n", encoding="utf-8")
    _build(tmp_path, boilerplate="bp.yml")
    _, plugin = _build(tmp_path, boilerplate="bp.yml")
    assert plugin.cache.work == NOTHING
    (tmp_path / "bp.yml").write_text("drop: [unclosed\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode != 0 and "bp.yml" in res.stderr and "malformed YAML" in res.stderr, res.stderr[-2000:]


def _site_files(site: Path) -> dict[str, bytes]:
    import re

    # the home page of the mkdocs theme ends with the build time
    return {str(p.relative_to(site)): re.sub(rb"Build Date UTC : [^\n]*", b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in (".html", ".json", ".csv")}


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_every_page_the_same_with_cache_off_cold_warm(tmp_path, monkeypatch, theme):
    """Every generated page goes through the converted-page cache here (threshold 0):
    the built site is byte-identical with the cache off, cold and warm, and the warm
    build converts none of them again."""
    from mkdocs_china_belarus import plugin as plugin_mod

    monkeypatch.setattr(plugin_mod, "CONVERTED_MIN_CHARS", 0)
    docs = {"index.md": "# Home\n\nXi Jinping met Alexander Lukashenko in Minsk.\n\n[Meetings](meetings.md)\n",
            "notes.md": "# Notes\n\n<!-- china-belarus:comparison -->\n"}
    write_project(tmp_path, copy_seeds=True, theme=theme, docs=docs)
    sites = []
    for opts in ({"cache": False}, {}, {}):
        site, plugin = _build(tmp_path, **opts)
        sites.append(_site_files(site))
    assert plugin.cache.work == NOTHING
    assert plugin.converted_hits == len(plugin._page_files) > 5
    assert sites[0].keys() == sites[1].keys() == sites[2].keys()
    for name in sites[0]:
        assert sites[0][name] == sites[1][name] == sites[2][name], name


def test_serve_starts_from_the_disk_cache_and_redoes_only_an_edited_seed(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write_project(tmp_path, seeds=ARTICLES)
    _build(tmp_path)  # a `mkdocs build` earlier left the cache file
    cfg = load_config(str(tmp_path / "mkdocs.yml"))
    cfg.plugins.on_startup(command="serve", dirty=False)
    plugin = cfg.plugins["china-belarus"]
    try:
        build(cfg, serve_url="http://127.0.0.1/")
        assert plugin.cache.work == NOTHING, "the first serve build comes from the file"
        (tmp_path / "seeds" / "s1.txt").write_text("A new headline\n\nEdited text about Beijing.\n", encoding="utf-8")
        cfg = load_config(str(tmp_path / "mkdocs.yml"))  # as `mkdocs serve` reloads the config
        assert cfg.plugins["china-belarus"] is plugin
        build(cfg, serve_url="http://127.0.0.1/")
        assert plugin.cache.work == _full(1), "the rebuild redoes the edited seed only"
        assert "A new headline" in page_html(tmp_path / "site", "sources/s1/")
        build(cfg, serve_url="http://127.0.0.1/")
        assert plugin.cache.work == _full(1)
    finally:
        cfg.plugins.on_shutdown()
    site, plugin = _build(tmp_path)
    assert plugin.cache.work == NOTHING, "and the file it left is current"


_LOADED_AFTER_BUILD = """
import atexit, sys
atexit.register(lambda: print(" ".join(m for m in ("mkdocs_china_belarus.clean", "mkdocs_china_belarus.metadata",
                                                    "mkdocs_china_belarus.linemodel.features", "numpy")
                                         if m in sys.modules)))
from mkdocs.__main__ import cli
cli(["build", "-q", "-f", sys.argv[1]])
"""


def test_a_build_from_the_cache_does_not_load_the_cleaner(project):
    """The cleaner (its patterns, the line features) and numpy (the line model, story
    families' MinHash) are loaded when seeds are cleaned and grouped, not by a build
    whose briefing comes whole from the cache file."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-c", _LOADED_AFTER_BUILD, str(project / "mkdocs.yml")]
    cold = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert cold.returncode == 0, cold.stderr[-2000:]
    assert "mkdocs_china_belarus.clean" in cold.stdout and "numpy" in cold.stdout, "a cold build cleans the seeds"
    warm = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert warm.stdout.strip() == "", f"loaded by a warm build: {warm.stdout.strip()}"
