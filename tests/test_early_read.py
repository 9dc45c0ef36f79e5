"""A first build decodes the seeds in worker processes started in `on_config`, while
the plugin loads the rules, the lexicons and the registry, and makes there what the
cleaning workers share (`briefing.prepare`). Checked by identity and by counting,
never by timing: the briefing is the one a plain build makes, the seeds are decoded
by the workers and not again here, what the workers share is made once, and no
worker outlives a failed build."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402  (benchmarks/generate.py)

from mkdocs_china_belarus import briefing as briefing_mod  # noqa: E402
from mkdocs_china_belarus import rules as rules_mod  # noqa: E402
from mkdocs_china_belarus.briefing import build_briefing, prepare, start_reading  # noqa: E402
from mkdocs_china_belarus.entities import Matcher, load_registry  # noqa: E402
from mkdocs_china_belarus.models import Options  # noqa: E402
from mkdocs_china_belarus.rules import load_rules  # noqa: E402
from mkdocs_china_belarus.site import SitePages  # noqa: E402

N = 40
FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("early") / "seeds"
    generate.generate(N, seeds)
    assert {p.suffix for p in seeds.iterdir()} == {".txt", ".html"}
    return seeds


@pytest.fixture()
def small_pool(monkeypatch):
    """A pool for N seeds, with forked workers (as `mkdocs build` on Linux has them)."""
    if not FORK:
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(briefing_mod, "POOL_MIN_SEEDS", 10)
    monkeypatch.setattr(briefing_mod, "_CONTEXT", {})
    monkeypatch.setattr(briefing_mod, "pool_context", lambda: multiprocessing.get_context("fork"))


def _everything(b) -> tuple:
    site = SitePages(b)
    return site.export_json(), site.comparison_csv(), site.pages(), [str(p) for p in b.problems]


def test_seeds_decoded_early_give_the_briefing_of_a_plain_build(corpus, registry, small_pool, monkeypatch, tmp_path):
    from mkdocs_china_belarus import entities

    early = start_reading(corpus, Options(workers=2))
    assert early.decoding and early.forked
    # From here on, decoding or making a matcher in this process is counted (the
    # workers were forked already, with the real functions).
    decoded_here: list[str] = []
    real_ingest = briefing_mod.ingest
    monkeypatch.setattr(briefing_mod, "ingest", lambda seed, *a: decoded_here.append(seed.rel) or real_ingest(seed, *a))
    made = tmp_path / "made"

    class CountingMatcher(entities.Matcher):
        def __init__(self, *args, **kwargs):
            with open(made, "a") as fh:
                fh.write(f"{os.getpid()}\n")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(entities, "Matcher", CountingMatcher)
    prepare(registry, load_rules(None))
    assert made.read_text().split() == [str(os.getpid())], "prepare makes the matcher here"
    b = build_briefing(corpus, options=Options(workers=2), registry=registry, early=early)
    assert decoded_here == [], "every seed was decoded by the early workers"
    assert made.read_text().split() == [str(os.getpid())], "the cleaning workers inherit it: none made again"
    assert not early.decoding or early._executor is None, "the workers are stopped once their work is taken"

    monkeypatch.setattr(briefing_mod, "_CONTEXT", {})
    plain = build_briefing(corpus, options=Options(workers=1), registry=registry)
    assert len(plain.articles) == N
    assert _everything(b) == _everything(plain)
    assert len(decoded_here) == N, "the plain build decodes in this process (one worker)"


def test_seeds_read_for_another_folder_are_not_used(corpus, registry, small_pool, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for p in sorted(corpus.iterdir())[:12]:
        (other / p.name).write_bytes(p.read_bytes())
    early = start_reading(corpus, Options(workers=2))
    b = build_briefing(other, options=Options(workers=2), registry=registry, early=early)
    assert early._executor is None, "stopped, not left running"
    assert len(b.articles) == 12
    assert {a.id for a in b.articles} <= {p.stem for p in other.iterdir()} | {p.name for p in other.iterdir()}


def test_few_seeds_or_one_worker_start_no_workers(corpus, monkeypatch):
    started = []
    real = briefing_mod.ProcessPoolExecutor
    monkeypatch.setattr(briefing_mod, "ProcessPoolExecutor", lambda *a, **k: started.append(k) or real(*a, **k))
    assert not start_reading(corpus, Options(workers=1)).decoding
    monkeypatch.setattr(briefing_mod, "POOL_MIN_SEEDS", N + 1)
    few = start_reading(corpus, Options(workers=2))
    assert not few.decoding and len(few.scan[2]) == N
    assert started == []


def test_a_first_plugin_build_reads_the_seeds_in_on_config(tmp_path, small_pool, monkeypatch):
    """The plugin starts the workers in `on_config`, before it loads the registry, and
    the site is the one a one-worker build makes."""
    from conftest import build_project, load_export, write_project
    from mkdocs_china_belarus import plugin as plugin_mod
    from mkdocs_china_belarus import site as site_mod

    order: list[str] = []
    real_start, real_registry = plugin_mod.start_reading, site_mod.load_registry_for
    monkeypatch.setattr(plugin_mod, "start_reading", lambda *a, **k: order.append("start") or real_start(*a, **k))
    monkeypatch.setattr(site_mod, "load_registry_for", lambda *a, **k: order.append("registry") or real_registry(*a, **k))
    seeds = {f"s{i:02d}.txt": (ROOT / "seeds" / name).read_text(encoding="utf-8")
             for i, name in enumerate(sorted(os.listdir(ROOT / "seeds")) * 3)}
    exports = {}
    for workers in (2, 1):
        site, _ = build_project(write_project(tmp_path / f"w{workers}", seeds, plugin={"workers": workers}))
        exports[workers] = load_export(site)
        if workers == 2:
            assert order == ["start", "registry"]
            assert multiprocessing.active_children() == []
    for export in exports.values():
        export.pop("generated", None)
    assert json.dumps(exports[2], sort_keys=True) == json.dumps(exports[1], sort_keys=True)


class CountingMatcher(Matcher):
    """A matcher writing the id of the process that makes it to `CountingMatcher.made`
    (at the top level: the early worker sends one back pickled)."""

    made: Path

    def __init__(self, *args, **kwargs):
        with open(self.made, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        super().__init__(*args, **kwargs)


def _counting_registry_load(monkeypatch, made: Path, say=None):
    """`entities.load_registry` (which `site.load_registry_for` calls) writing the id of
    the process that runs it to `made`, and calling `say` there first."""
    from mkdocs_china_belarus import entities

    real = entities.load_registry

    def load(*args, **kwargs):
        with open(made, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        if say is not None:
            say()
        return real(*args, **kwargs)

    monkeypatch.setattr(entities, "load_registry", load)


def _plugin_seeds() -> dict[str, str]:
    return {f"s{i:02d}.txt": (ROOT / "seeds" / name).read_text(encoding="utf-8")
            for i, name in enumerate(sorted(os.listdir(ROOT / "seeds")) * 3)}


def test_a_first_plugin_build_takes_the_registry_and_matcher_from_an_early_worker(tmp_path, small_pool, monkeypatch):
    """One early worker loads the registry and makes its matcher while the plugin warms
    up the cleaner; neither is made again here, and the site is the one a one-worker
    build (which loads them here) makes."""
    from conftest import build_project, load_export, write_project
    from mkdocs_china_belarus import entities

    loaded, made = tmp_path / "loaded", tmp_path / "made"
    _counting_registry_load(monkeypatch, loaded)
    monkeypatch.setattr(entities, "Matcher", CountingMatcher)
    monkeypatch.setattr(CountingMatcher, "made", made, raising=False)
    exports = {}
    for workers in (2, 1):
        for p in (loaded, made):
            p.unlink(missing_ok=True)
        monkeypatch.setattr(briefing_mod, "_CONTEXT", {})  # no matcher left by the build before
        site, _ = build_project(write_project(tmp_path / f"w{workers}", _plugin_seeds(), plugin={"workers": workers}))
        exports[workers] = load_export(site)
        pids = {name: p.read_text().split() for name, p in (("registry", loaded), ("matcher", made))}
        if workers == 2:
            assert len(pids["registry"]) == 1 and pids["registry"] != [str(os.getpid())], "loaded by a worker"
            assert pids["matcher"][:1] == pids["registry"], "the matcher made there too, first"
            assert str(os.getpid()) not in pids["matcher"], "and not made again here"
            assert multiprocessing.active_children() == []
        else:
            assert pids["registry"] == [str(os.getpid())] and pids["matcher"][:1] == [str(os.getpid())]
    for export in exports.values():
        export.pop("generated", None)
    assert json.dumps(exports[2], sort_keys=True) == json.dumps(exports[1], sort_keys=True)


def _warn_from_the_load() -> None:
    import logging
    import warnings

    logging.getLogger("mkdocs.plugins.mkdocs_china_belarus.entities").warning("alias %r is odd", "Xx")
    warnings.warn("a registry warning", UserWarning, stacklevel=1)


def test_what_the_early_registry_load_logs_and_warns_reaches_this_process(tmp_path, small_pool, monkeypatch, plugin_log):
    """Logged and warned in a worker, replayed here: MkDocs' log has it, `--strict`
    fails on it, and the warnings filters of this process see it."""
    from mkdocs.exceptions import Abort

    from conftest import build_project, write_project

    loaded = tmp_path / "loaded"
    _counting_registry_load(monkeypatch, loaded, _warn_from_the_load)
    cfg = write_project(tmp_path / "p", _plugin_seeds(), plugin={"workers": 2})
    with pytest.warns(UserWarning, match="a registry warning") as caught:
        build_project(cfg)
    assert len([w for w in caught if "a registry warning" in str(w.message)]) == 1
    assert loaded.read_text().split() != [str(os.getpid())], "loaded by a worker"
    logged = [r.getMessage() for r in plugin_log.records if r.levelname == "WARNING"]
    assert logged.count("alias 'Xx' is odd") == 1
    loaded.unlink()
    cfg = write_project(tmp_path / "q", _plugin_seeds(), plugin={"workers": 2})  # no cache on disk
    with pytest.warns(UserWarning, match="a registry warning"), pytest.raises(Abort, match="strict"):
        build_project(cfg, strict=True)
    assert loaded.read_text().split() != [str(os.getpid())]
    assert multiprocessing.active_children() == []


def test_a_registry_error_in_the_early_worker_is_raised_here(tmp_path, small_pool, monkeypatch, caplog):
    """The worker's load fails: the plugin loads the registry again here, which raises
    the error a load here always raised (the same message, as a PluginError)."""
    from mkdocs.exceptions import Abort, PluginError

    from conftest import build_project, write_project

    loaded = tmp_path / "loaded"
    _counting_registry_load(monkeypatch, loaded)
    cfg = write_project(tmp_path / "p", _plugin_seeds(), plugin={"workers": 2, "entities": "mine.yml"})
    (tmp_path / "p" / "mine.yml").write_text("entities:\n  - id: x\n    name: X\n    kind: planet\n    aliases: [Xx]\n")
    with pytest.raises((PluginError, Abort)):
        build_project(cfg)
    pids = loaded.read_text().split()
    assert len(pids) == 2 and pids[0] != str(os.getpid()) and pids[1] == str(os.getpid())
    assert any(r.levelname == "ERROR" and "mine.yml: entry 1 ('x'): unknown kind 'planet'" in r.getMessage()
               for r in caplog.records)
    assert multiprocessing.active_children() == []


def test_a_failed_on_config_leaves_no_worker_running(tmp_path, small_pool):
    from mkdocs.exceptions import Abort, PluginError

    from conftest import build_project, write_project

    seeds = {f"s{i:02d}.txt": f"Headline {i}\n\nA sentence about Minsk and Beijing, number {i}.\n" for i in range(12)}
    cfg = write_project(tmp_path, seeds, plugin={"workers": 2, "entities": "mine.yml"})
    (tmp_path / "mine.yml").write_text("entities:\n  - id: x\n    name: X\n    kind: planet\n    aliases: [Xx]\n")
    with pytest.raises((PluginError, Abort)):
        build_project(cfg)
    assert multiprocessing.active_children() == []


def test_warm_compiles_the_subsets_for_the_first_characters():
    rules = load_rules(None)
    anchored = rules_mod._joined(rules.fingerprint, "drop", rules.drop)[0]
    rules.warm("Ω€")
    assert {"Ω", "€"} <= set(anchored.by_char)


WARM = """
import json, sys
from mkdocs_china_belarus.clean import clean, warm_up
from mkdocs_china_belarus.models import Document
from mkdocs_china_belarus.rules import load_rules
rules = load_rules(None)
if sys.argv[1] == "warm":
    warm_up(rules)
out = []
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    art = clean(Document(id=path, source_path=path, sha256="", encoding="utf-8", text=text), rules)
    out.append([art.meta.title, art.meta.published, [(ln.role, ln.reason, ln.clean) for ln in art.lines]])
print(json.dumps(out))
"""


def test_warming_up_does_not_change_what_the_cleaner_does():
    pages = sorted(str(p) for p in (ROOT / "tests" / "fixtures").rglob("*.txt"))[:12]
    assert len(pages) >= 5
    runs = {mode: subprocess.run([sys.executable, "-c", WARM, mode, *pages], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout for mode in ("cold", "warm")}
    assert runs["cold"] == runs["warm"] and json.loads(runs["cold"])


def test_on_config_collects_nothing_and_leaves_the_collector_as_it_was(tmp_path, small_pool, monkeypatch):
    """on_config loads with the cyclic collector off and freezes what it loaded; after
    the build the collector is on and nothing is frozen (on_post_build), as before it;
    the early workers, forked before it is switched off, collect as usual."""
    import gc

    from conftest import build_project, write_project
    from mkdocs_china_belarus import plugin as plugin_mod

    seen = {}
    real = plugin_mod.ChinaBelarusPlugin.on_files

    def on_files(self, files, *, config):
        seen["enabled in on_files"] = gc.isenabled()
        seen["frozen by then"] = gc.get_freeze_count()
        return real(self, files, config=config)

    monkeypatch.setattr(plugin_mod.ChinaBelarusPlugin, "on_files", on_files)
    collections: list[int] = []

    def count(phase, info):
        if phase == "start":
            collections.append(os.getpid())

    real_load = plugin_mod.site.load_registry_for
    # the registry is loaded here with one worker (no early workers): no collection meanwhile
    monkeypatch.setattr(plugin_mod.site, "load_registry_for",
                        lambda *a, **k: (gc.callbacks.append(count), real_load(*a, **k), gc.callbacks.remove(count))[1])
    assert gc.isenabled()
    build_project(write_project(tmp_path / "p", _plugin_seeds(), plugin={"workers": 1}))
    assert collections == [], "no collection while the registry loads"
    assert seen["enabled in on_files"] and seen["frozen by then"] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
