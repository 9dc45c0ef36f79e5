"""Benchmarks of the plugin against a bare MkDocs build, run side by side.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/run.py

writes benchmarks/RESULTS.md and benchmarks/time_per_article.png. Corpora and sites go
to benchmarks/_work/ (git-ignored). Options: --sizes 100,1000,5000 --reps 3
--large-reps 1 --themes mkdocs,material --material-sizes 1000 --build-sizes
100,1000,5000 --quick (sizes 100,1000, two repetitions, no Material) --out FILE.

Every figure is the best of several runs (a noisy machine only ever makes a run
slower), and every comparison is between runs made on this machine in this
invocation, interleaved (bare, plugin, bare, plugin, ...). Each measured build runs in
its own process (`mkdocs build`), as a user runs it; the stage breakdown, link
injection and serve measurements run in a child process each (`run.py --child ...`)
so that nothing is warm from an earlier measurement.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "_work"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402

PY = sys.executable
MKDOCS = str(Path(PY).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


# -- corpora and projects -------------------------------------------------------------

def corpus(n: int) -> Path:
    """benchmarks/_work/corpus-N/seeds, generated once per generator version."""
    base = WORK / f"corpus-{n}"
    seeds = base / "seeds"
    stamp = base / "VERSION"
    if not (stamp.exists() and stamp.read_text() == str(generate.VERSION)):
        shutil.rmtree(base, ignore_errors=True)
        generate.generate(n, seeds)
        stamp.write_text(str(generate.VERSION))
    return seeds


def seed_bytes(seeds: Path) -> int:
    return sum(p.stat().st_size for p in seeds.iterdir())


HOME = "# Briefing\n\nA briefing on China and Belarus, built from raw articles.\n"


def plugin_project(n: int, theme: str) -> Path:
    """A project whose docs_dir holds only index.md; the plugin reads the N raw seeds."""
    proj = WORK / f"plugin-{n}-{theme}"
    (proj / "docs").mkdir(parents=True, exist_ok=True)
    (proj / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    cfg = (f"site_name: Benchmark\ntheme: {theme}\ndocs_dir: docs\nsite_dir: site\n"
           f"plugins:\n  - search\n  - china-belarus:\n      seeds_dir: ../corpus-{n}/seeds\n")
    (proj / "mkdocs.yml").write_text(cfg, encoding="utf-8")
    return proj


def bare_project(n: int, theme: str, nav: list) -> Path:
    """The same pages already made (the CLI's --pages), plain Markdown, no plugin, the
    plugin's nav written out: the floor a plugin cannot beat."""
    proj = WORK / f"bare-{n}-{theme}"
    pages = WORK / f"pages-{n}"
    docs = proj / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(pages, docs)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    cfg = {"site_name": "Benchmark", "theme": theme, "docs_dir": "docs", "site_dir": "site",
           "plugins": ["search"], "nav": ["index.md", *nav]}
    (proj / "mkdocs.yml").write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    return proj


def _yaml_nav(sections: list) -> list:
    out = []
    for item in sections:
        if isinstance(item, (list, tuple)):
            title, children = item
            out.append({title: _yaml_nav(children)})
        else:
            out.append(item)
    return out


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    t = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t
    if res.returncode != 0:
        raise SystemExit(f"failed ({res.returncode}): {' '.join(cmd)}\n{res.stderr[-3000:]}")
    return dt


def child(*args: str) -> dict:
    res = subprocess.run([PY, str(Path(__file__).resolve()), "--child", *args], env=ENV,
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{res.stderr[-4000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


# -- child measurements (each in a fresh process) ------------------------------------------

def _registry():
    from mkdocs_china_belarus.site import load_registry_for

    return load_registry_for(ROOT, None, True)


def child_stages(n: int) -> dict:
    """The pipeline's parts, one worker, on the N-article corpus; then the whole
    pipeline with one worker and with the default, and whether their exports agree."""
    from mkdocs_china_belarus import briefing as bm
    from mkdocs_china_belarus.clean import clean
    from mkdocs_china_belarus.corpus import recurring_lines
    from mkdocs_china_belarus.entities import Matcher
    from mkdocs_china_belarus.ingest import find_seeds, read_bytes, seed_ids
    from mkdocs_china_belarus.models import Options
    from mkdocs_china_belarus.rules import load_rules
    from mkdocs_china_belarus.site import SitePages

    seeds_dir = corpus(n)
    out: dict = {"n": n, "bytes": seed_bytes(seeds_dir)}
    t0 = time.perf_counter()
    reg = _registry()
    rules = load_rules(None)
    import charset_normalizer  # noqa: F401
    import trafilatura  # noqa: F401  (imported by the first HTML seed otherwise)
    out["setup"] = time.perf_counter() - t0

    t = time.perf_counter()
    seeds, _ = find_seeds(seeds_dir)
    ids = seed_ids([s.rel for s in seeds])
    docs = [d for d in (bm._ingest_one((s, ids[s.rel], read_bytes(s))) for s in seeds) if not isinstance(d, str)]
    out["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    rec = recurring_lines({d.id: d.text for d in docs}, 3)
    out["corpus evidence"] = time.perf_counter() - t
    t = time.perf_counter()
    arts = [clean(d, rules, rec.get(d.id, {})) for d in docs]
    out["clean"] = time.perf_counter() - t
    t = time.perf_counter()
    matcher = Matcher(reg)
    mentions, firsts = {}, {}
    for a in arts:
        mentions[a.id], firsts[a.id] = bm.find_mentions(a, matcher)
    out["match"] = time.perf_counter() - t
    t = time.perf_counter()
    try:
        from mkdocs_china_belarus.meetings import find_meetings

        meetings = tuple(find_meetings(arts, reg, matcher))
    except ImportError:
        meetings = ()
    out["meetings"] = time.perf_counter() - t
    out["meetings found"] = len(meetings)
    b = bm.Briefing(articles=tuple(arts), mentions=mentions, first_mentions=firsts, meetings=meetings,
                    registry=reg, options=Options())
    t = time.perf_counter()
    site = SitePages(b)
    pages = site.pages()
    site.export_json()
    site.comparison_csv()
    out["render"] = time.perf_counter() - t
    out["pages"] = len(pages)

    # link injection over the pages as MkDocs renders them (Markdown -> HTML)
    html = _render_html(pages)
    out["html bytes"] = sum(len(h.encode()) for h in html.values())
    out["link injection"] = _link_all(html, site, matcher, reg)

    out["load average"] = os.getloadavg()[0]
    out["workers default"] = bm.default_workers()
    return out


def child_pipeline(n: int, workers: int) -> dict:
    """The whole pipeline as the CLI runs it (briefing, pages, export), then the
    briefing alone with a cold cache (best of 2), with `workers` (0: the default).
    A fresh process per measurement, so that no earlier measurement's objects weigh
    on this one's memory."""
    from mkdocs_china_belarus import briefing as bm
    from mkdocs_china_belarus.models import Options
    from mkdocs_china_belarus.site import SitePages

    seeds_dir = corpus(n)
    reg = _registry()
    import trafilatura  # noqa: F401  (imported by the first HTML seed otherwise)

    def cpu(c0, c1) -> float:
        return (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) \
            + (c1.children_system - c0.children_system)

    out: dict = {}
    c0, t = os.times(), time.perf_counter()
    b = bm.build_briefing(seeds_dir, options=Options(workers=workers), registry=reg)
    s = SitePages(b)
    s.pages()
    export = s.export_json()
    out["pipeline"], out["pipeline cpu"] = time.perf_counter() - t, cpu(c0, os.times())
    out["export"] = __import__("hashlib").sha256(export.encode()).hexdigest()
    del b, s, export
    best = None
    for _ in range(2):
        c0, t = os.times(), time.perf_counter()
        bm.build_briefing(seeds_dir, options=Options(workers=workers), registry=reg, cache=bm.Cache())
        wall, used = time.perf_counter() - t, cpu(c0, os.times())
        if best is None or wall < best[0]:
            best = (wall, used)
    out["briefing"], out["briefing cpu"] = best
    out["load average"] = os.getloadavg()[0]
    return out


def _render_html(pages: dict[str, str]) -> dict[str, str]:
    import markdown
    from mkdocs.utils.meta import get_data

    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code"])
    out = {}
    for path, text in pages.items():
        src, _ = get_data(text)
        out[path] = md.reset().convert(src)
    return out


def _link_all(html: dict[str, str], site, matcher, reg) -> float:
    from mkdocs_china_belarus.linking import link_entities

    t = time.perf_counter()
    for path, h in html.items():
        own = site.entity_of_path(path)
        link_entities(h, matcher, reg, lambda e: f"../entities/{e}/", skip=own)
    return time.perf_counter() - t


def big_registry(reg, total_aliases: int = 10_000):
    """The default registry plus made-up entities until it holds `total_aliases`
    names and aliases (invented names: a large registry mostly of names a page does
    not mention)."""
    import random

    from mkdocs_china_belarus.entities import Entity, Registry

    have = sum(len(e.all_names) for e in reg.entities)
    rng = random.Random(7)
    syl = ["ka", "lo", "mi", "var", "den", "su", "tro", "bel", "ni", "zha", "qu", "ost", "ren", "mar", "vik",
           "lan", "dor", "pe", "sha", "tin", "gro", "yu", "fel", "ash"]
    ents, used, i = list(reg.entities), set(), 0
    while have < total_aliases:
        while True:
            first = "".join(rng.choice(syl) for _ in range(2)).capitalize()
            last = "".join(rng.choice(syl) for _ in range(3)).capitalize()
            if (first, last) not in used:
                used.add((first, last))
                break
        aliases = (last, f"{first[0]}. {last}", f"{last} {first}")
        ents.append(Entity(id=f"made-up-{i}", name=f"{first} {last}", kind="person", aliases=aliases,
                           description="An invented person (benchmark registry)"))
        have += 1 + len(aliases)
        i += 1
    return Registry(entities=tuple(ents), blockers=reg.blockers)


def naive_link(pages: list[str], reg) -> float:
    """The baseline: one regular expression per alias, run over each page (first
    mention of each alias linked, no HTML awareness)."""
    pats = []
    for e in reg.entities:
        url = f"../entities/{e.id}/"
        for alias in e.all_names:
            flags = 0 if (len(alias) <= 5 and alias.isupper()) else re.IGNORECASE
            pats.append((re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", flags), url))
    t = time.perf_counter()
    for h in pages:
        for rx, url in pats:
            h = rx.sub(lambda m, url=url: f'<a href="{url}">{m.group(0)}</a>', h, count=1)
    return time.perf_counter() - t


def child_linking(n: int, sample: int, reps: int) -> dict:
    """Link injection on a sample of the site's rendered pages: ours (fast path, and
    the BeautifulSoup path it replaces), the naive baseline; default registry and
    10,000 aliases."""
    import mkdocs_china_belarus.fastlink as fastlink
    from mkdocs_china_belarus.briefing import build_briefing
    from mkdocs_china_belarus.entities import Matcher
    from mkdocs_china_belarus.linking import link_entities
    from mkdocs_china_belarus.models import Options
    from mkdocs_china_belarus.site import SitePages

    reg = _registry()
    b = build_briefing(corpus(n), options=Options(), registry=reg)
    site = SitePages(b)
    html = _render_html(site.pages())
    paths = sorted(html)
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    pages = [html[p] for p in chosen]
    out: dict = {"pages": len(pages), "html bytes": sum(len(p.encode()) for p in pages)}

    matchers = {}

    def ours(registry) -> float:
        matcher = matchers[id(registry)]
        t = time.perf_counter()
        for h in pages:
            link_entities(h, matcher, registry, lambda e: f"../entities/{e}/")
        return time.perf_counter() - t

    big = big_registry(reg)
    for label, registry in (("default", reg), ("big", big)):
        t = time.perf_counter()
        matchers[id(registry)] = Matcher(registry)
        out["matcher " + label] = time.perf_counter() - t
    out["aliases default"] = sum(len(e.all_names) for e in reg.entities) + len(reg.blockers)
    out["aliases big"] = sum(len(e.all_names) for e in big.entities) + len(big.blockers)
    out["ours default"] = min(ours(reg) for _ in range(reps))
    out["ours big"] = min(ours(big) for _ in range(reps))
    real = fastlink.link_fast
    fastlink.link_fast = lambda *a, **k: None  # the BeautifulSoup path alone
    try:
        out["bs4 path default"] = min(ours(reg) for _ in range(max(1, reps - 1)))
    finally:
        fastlink.link_fast = real
    out["naive default"] = naive_link(pages, reg)
    out["naive big"] = naive_link(pages, big)
    return out


def child_serve(n: int, theme: str) -> dict:
    """`mkdocs serve`'s rebuild loop, in process: load the config once and start the
    plugins with command="serve", build; then edit one seed and rebuild with a fresh
    config and the same plugin instances (as mkdocs serve's builder does); then touch
    one seed without changing it and rebuild. The plugin's hooks and its pipeline call
    are timed by wrapping them."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import mkdocs_china_belarus.plugin as plugin_mod

    logging.disable(logging.WARNING)
    src = corpus(n)
    seeds = WORK / f"serve-{n}" / "seeds"
    if seeds.parent.exists():
        shutil.rmtree(seeds.parent)
    shutil.copytree(src, seeds)
    proj = WORK / f"serve-{n}" / "project"
    (proj / "docs").mkdir(parents=True)
    (proj / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (proj / "mkdocs.yml").write_text(f"site_name: Benchmark\ntheme: {theme}\ndocs_dir: docs\n"
                                     "plugins:\n  - search\n  - china-belarus:\n      seeds_dir: ../seeds\n")
    site_dir = WORK / f"serve-{n}" / "site"

    spent = {"pipeline": 0.0, "hooks": 0.0}
    real_build_briefing = plugin_mod.build_briefing

    def timed_pipeline(*a, **k):
        t = time.perf_counter()
        try:
            return real_build_briefing(*a, **k)
        finally:
            spent["pipeline"] += time.perf_counter() - t

    plugin_mod.build_briefing = timed_pipeline

    def get_config():
        return load_config(str(proj / "mkdocs.yml"), site_dir=str(site_dir))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["china-belarus"]
    for name in dir(plugin):
        if name.startswith("on_") and name not in ("on_startup", "on_shutdown", "on_serve"):
            real = getattr(plugin, name)

            def wrapper(*a, __real=real, **k):
                t = time.perf_counter()
                try:
                    return __real(*a, **k)
                finally:
                    spent["hooks"] += time.perf_counter() - t

            setattr(plugin, name, functools.wraps(real)(wrapper))  # keeps the event priority
    config = get_config()  # the plugin instance is kept (it defines on_startup)
    assert config.plugins["china-belarus"] is plugin

    def rebuild() -> dict:
        for k in spent:
            spent[k] = 0.0
        before = dict(plugin.cache.work)
        cfg = get_config()
        t = time.perf_counter()
        build(cfg, serve_url="http://127.0.0.1:8000/")
        total = time.perf_counter() - t
        work = {k: plugin.cache.work[k] - before[k] for k in before}
        return {"total": total, "plugin hooks": spent["hooks"], "pipeline": spent["pipeline"], "work": work}

    # mkdocs serve rebuilds while its server and file watcher threads run: with threads
    # the plugin's pools spawn their workers instead of forking (briefing.pool_context)
    import threading

    threading.Thread(target=threading.Event().wait, daemon=True).start()
    out = {"n": n, "theme": theme}
    out["first build"] = rebuild()
    victim = sorted(seeds.iterdir())[len(list(seeds.iterdir())) // 2]
    data = victim.read_bytes()
    victim.write_bytes(data.rstrip() + b"\n\nAn editor added this sentence about Minsk and Beijing.\n")
    out["edited seed"] = rebuild()
    os.utime(victim)  # touched, content unchanged
    out["touched seed"] = rebuild()
    config.plugins.on_shutdown()
    return out


# -- the report ---------------------------------------------------------------------------

def versions() -> dict:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "platform": platform.platform(),
           "cores": os.cpu_count(), "usable cores": len(os.sched_getaffinity(0))}
    try:
        with open("/proc/cpuinfo") as f:
            out["cpu"] = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "?")
    except OSError:
        out["cpu"] = "?"
    try:
        with open("/proc/meminfo") as f:
            out["memory"] = f"{int(f.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    for pkg in ("mkdocs", "mkdocs-material", "markdown", "beautifulsoup4", "trafilatura", "charset-normalizer",
                "pyahocorasick", "mkdocs-china-belarus"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "not installed"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--build-sizes", default=None, help="sizes with side-by-side builds (default: all sizes)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--large-reps", type=int, default=1, help="repetitions at the largest size")
    ap.add_argument("--themes", default="mkdocs,material")
    ap.add_argument("--material-sizes", default="1000", help="sizes built with the Material theme too")
    ap.add_argument("--serve-size", type=int, default=1000)
    ap.add_argument("--link-sample", type=int, default=40)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        kind, *rest = args.child
        fn = {"stages": lambda: child_stages(int(rest[0])),
              "pipeline": lambda: child_pipeline(int(rest[0]), int(rest[1])),
              "linking": lambda: child_linking(int(rest[0]), int(rest[1]), int(rest[2])),
              "serve": lambda: child_serve(int(rest[0]), rest[1])}[kind]
        print(json.dumps(fn()))
        return

    if args.quick:
        args.sizes, args.reps, args.themes, args.link_sample = "100,1000", 2, "mkdocs", 20
    sizes = [int(s) for s in args.sizes.split(",")]
    build_sizes = [int(s) for s in (args.build_sizes or args.sizes).split(",")]
    themes = args.themes.split(",")
    material_sizes = {int(s) for s in args.material_sizes.split(",")}
    largest = max(sizes)
    WORK.mkdir(exist_ok=True)
    started = time.perf_counter()
    results: dict = {"command": " ".join(["benchmarks/run.py", *sys.argv[1:]]), "load before": os.getloadavg(),
                     "machine": versions(), "sizes": sizes, "reps": args.reps, "large reps": args.large_reps,
                     "stages": {}, "cli": {}, "builds": {}}

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f}s] {msg}", flush=True)

    for n in sorted(set(sizes) | set(build_sizes)):
        reps = args.large_reps if n >= min(2000, largest) and len(sizes) > 1 else args.reps
        seeds = corpus(n)
        log(f"N={n}: corpus {seed_bytes(seeds) / 1e6:.1f} MB")
        # the generated pages (for the bare build) and the CLI export, best of reps
        pages = WORK / f"pages-{n}"
        cli = []
        for _ in range(reps if n in sizes else 1):
            shutil.rmtree(pages, ignore_errors=True)
            cli.append(timed([PY, "-m", "mkdocs_china_belarus", "export", str(seeds), "-o",
                              str(WORK / f"export-{n}" / "briefing.json"), "--pages", str(pages)]))
        if n in sizes:
            results["cli"][n] = min(cli)
            log(f"N={n}: CLI export {min(cli):.2f}s")
            st = results["stages"][n] = child("stages", str(n))
            for label, workers in (("1 worker", 1), ("default workers", 0)):
                p = child("pipeline", str(n), str(workers))
                st[f"pipeline {label}"], st[f"pipeline {label} cpu"] = p["pipeline"], p["pipeline cpu"]
                st[f"pipeline {label} export"] = p["export"]
                st[f"pool phase {label}"], st[f"pool phase {label} cpu"] = p["briefing"], p["briefing cpu"]
                st["load average"] = max(st["load average"], p["load average"])
            st["identical exports"] = st["pipeline 1 worker export"] == st["pipeline default workers export"]
            log(f"N={n}: stages {json.dumps({k: round(v, 2) for k, v in results['stages'][n].items() if isinstance(v, float)})}")
        if n not in build_sizes:
            continue
        nav = _nav_for(n)
        for theme in themes:
            if theme != "mkdocs" and n not in material_sizes:
                continue
            bare, plug = bare_project(n, theme, nav), plugin_project(n, theme)
            tb, tp = [], []
            for _ in range(reps):  # interleaved
                tb.append(timed([MKDOCS, "build", "-q", "-f", str(bare / "mkdocs.yml")]))
                tp.append(timed([MKDOCS, "build", "-q", "-f", str(plug / "mkdocs.yml")]))
            results["builds"][f"{n}/{theme}"] = {"n": n, "theme": theme, "bare": tb, "plugin": tp}
            log(f"N={n} {theme}: bare {min(tb):.2f}s plugin {min(tp):.2f}s ratio {min(tp) / min(tb):.3f}")

    results["linking"] = child("linking", "1000" if 1000 in sizes else str(sizes[-1]), str(args.link_sample), "3")
    log(f"linking {json.dumps({k: round(v, 3) for k, v in results['linking'].items()})}")
    results["serve"] = child("serve", str(args.serve_size), "mkdocs")
    log(f"serve {json.dumps(results['serve'])}")
    results["elapsed"] = time.perf_counter() - started
    results["load after"] = os.getloadavg()
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    import report

    report.write(results, Path(args.out), HERE / "time_per_article.png")
    log(f"wrote {args.out}")


def _nav_for(n: int) -> list:
    """The nav the plugin builds for the N-article site (sections as in the plugin)."""
    code = (f"import json,sys; sys.path.insert(0, {str(HERE)!r}); from run import _registry, corpus;"
            "from mkdocs_china_belarus.briefing import build_briefing; from mkdocs_china_belarus.site import SitePages;"
            f"s=SitePages(build_briefing(corpus({n:d}), registry=_registry())); print(json.dumps(s.nav_sections()))")
    res = subprocess.run([PY, "-c", code], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
    return _yaml_nav(json.loads(res.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
