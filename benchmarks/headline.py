"""The headline benchmark: the plugin's build against a bare `mkdocs build` of the same
articles' clean text, side by side in one run.

    .venv/bin/python benchmarks/headline.py [--sizes 300,1000] [--themes mkdocs,material] [--reps 1]

*bare*: one Markdown page per article holding its title (`# …`) and its kept lines as
paragraphs, nothing else (what a user who had the clean text would build), MkDocs'
automatic nav, `search` on, same theme, no plugin. *bare, home-only nav*: the same
with `nav: [index.md]` (no nav entry per page), a second baseline. *plugin*: the N raw seeds and the
plugin (defaults: cache on, `nav_sources` 100). Each build is its own `mkdocs build`
process (start-up and imports count on both sides); per repetition: bare, home-only,
plugin with no cache on disk (first build), bare, home-only, plugin again (second
build, nothing changed).
Every figure is the best of the repetitions. Site bytes: every file under site_dir.

Writes benchmarks/headline.json and the headline table at the top of
benchmarks/RESULTS.md (between the `headline` markers). Corpora and projects go to
the git-ignored benchmarks/_work/ (the generator of benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
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

import run  # noqa: E402  (found through the sys.path entry above)

PY = sys.executable
MKDOCS = str(Path(PY).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
START, END = "<!-- headline:start -->", "<!-- headline:end -->"


def clean_text_docs(n: int) -> Path:
    """benchmarks/_work/text-N/: the clean text of each article as a Markdown page."""
    out = WORK / f"text-{n}"
    stamp = out / "STAMP"
    seeds = run.corpus(n)
    from mkdocs_china_belarus import __version__

    want = f"{run.generate.VERSION} {__version__}"
    if stamp.exists() and stamp.read_text() == want:
        return out / "docs"
    from mkdocs_china_belarus.briefing import build_briefing
    from mkdocs_china_belarus.models import Options
    from mkdocs_china_belarus.render import md_inline

    shutil.rmtree(out, ignore_errors=True)
    docs = out / "docs" / "articles"
    docs.mkdir(parents=True)
    (out / "docs" / "index.md").write_text(run.HOME, encoding="utf-8")
    b = build_briefing(seeds, options=Options())
    for i, a in enumerate(sorted(b.articles, key=lambda a: a.id)):
        paras = [md_inline(ln.clean or ln.text) for ln in a.kept()]
        text = f"# {md_inline(a.title or a.id)}\n\n" + "\n\n".join(paras) + "\n"
        (docs / f"{i:05d}.md").write_text(text, encoding="utf-8")
    stamp.write_text(want)
    return out / "docs"


def project(kind: str, n: int, theme: str) -> Path:
    proj = WORK / f"headline-{kind}-{n}-{theme}"
    proj.mkdir(parents=True, exist_ok=True)
    if kind in ("bare", "flat"):
        docs = clean_text_docs(n)
        cfg = (f"site_name: Benchmark\ntheme: {theme}\ndocs_dir: {docs}\nsite_dir: site\n"
               "plugins:\n  - search\n")
        if kind == "flat":  # the nav lists the home page only: no N-entry nav on every page
            cfg += "nav:\n  - index.md\n"
    else:
        (proj / "docs").mkdir(exist_ok=True)
        (proj / "docs" / "index.md").write_text(run.HOME, encoding="utf-8")
        cfg = (f"site_name: Benchmark\ntheme: {theme}\ndocs_dir: docs\nsite_dir: site\n"
               f"plugins:\n  - search\n  - china-belarus:\n      seeds_dir: {run.corpus(n)}\n")
    (proj / "mkdocs.yml").write_text(cfg, encoding="utf-8")
    return proj


CPU: dict[Path, list[float]] = {}


def build(proj: Path) -> float:
    """Wall time of one `mkdocs build` of `proj`; its CPU time (user + system, the
    process and every process it waited for: the plugin's workers) goes to CPU[proj]."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([MKDOCS, "build", "-q"], cwd=proj, env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=False)
    dt = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        raise SystemExit(f"failed in {proj}:\n{res.stderr[-3000:]}")
    CPU.setdefault(proj, []).append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return dt


def site_bytes(proj: Path) -> int:
    return sum(p.stat().st_size for p in (proj / "site").rglob("*") if p.is_file())


def measure(n: int, theme: str, reps: int) -> dict:
    bare, flat, plugin = project("bare", n, theme), project("flat", n, theme), project("plugin", n, theme)
    times: dict[str, list[float]] = {"bare": [], "flat": [], "first": [], "second": []}
    cpu: dict[str, list[float]] = {k: [] for k in times}
    exports = set()

    def run(kind: str, proj: Path) -> None:
        times[kind].append(build(proj))
        cpu[kind].append(CPU[proj][-1])

    for _ in range(reps):
        run("bare", bare)
        run("flat", flat)
        shutil.rmtree(plugin / ".cache", ignore_errors=True)
        run("first", plugin)
        exports.add((plugin / "site" / "briefing.json").read_bytes())
        run("bare", bare)
        run("flat", flat)
        run("second", plugin)
        exports.add((plugin / "site" / "briefing.json").read_bytes())
    c = {k: min(v) for k, v in cpu.items()}
    b, fl, f, s = min(times["bare"]), min(times["flat"]), min(times["first"]), min(times["second"])
    return {"n": n, "theme": theme, "reps": reps, "bare": b, "flat": fl, "first": f, "second": s,
            "first ratio": f / b, "second ratio": s / b, "first / flat": f / fl, "second / flat": s / fl,
            "cpu": c, "cpu first ratio": c["first"] / c["bare"], "cpu second ratio": c["second"] / c["bare"],
            "times": times, "cpu times": cpu, "bare bytes": site_bytes(bare), "flat bytes": site_bytes(flat),
            "plugin bytes": site_bytes(plugin),
            "exports identical (first vs second build)": len(exports) == 1}


def table(rows: list[dict], command: str, load: tuple) -> str:
    lines = [
        START,
        "## Headline: plugin build vs bare build of the clean text",
        "",
        f"`{command}` (benchmarks/headline.py, on this machine, load average {load[0]:.1f} before / "
        f"{load[1]:.1f} after, 2 cores shared with other work). *bare*: `mkdocs build` of one Markdown page "
        "per article (title and kept lines), MkDocs' automatic nav (every page listed on every page), `search` "
        "on, same theme, no plugin. *bare, home-only nav*: the same pages with `nav: [index.md]`, a baseline "
        "without the N-entry nav (whose cost and bytes grow as N²). *first*: the plugin from the raw seeds with "
        "no cache on disk; *second*: the same build again, nothing changed (cache on disk). Best of the "
        "repetitions (bare and plugin builds interleaved); each build a separate process. The package's "
        "bytecode is compiled before the builds, as `pip install` does (the libraries MkDocs loads have theirs).",
        "",
        "| N | theme | bare (s) | bare, home-only nav (s) | first build (s) | second build (s) "
        "| first / bare | second / bare | first / home-only | second / home-only "
        "| KB/article: bare | home-only | plugin |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        kb = [r[k] / r["n"] / 1024 for k in ("bare bytes", "flat bytes", "plugin bytes")]
        lines.append(f"| {r['n']:,} | {r['theme']} | {r['bare']:.2f} | {r['flat']:.2f} | {r['first']:.2f} "
                     f"| {r['second']:.2f} | {r['first ratio']:.2f} | {r['second ratio']:.2f} "
                     f"| {r['first / flat']:.2f} | {r['second / flat']:.2f} "
                     f"| {kb[0]:.1f} | {kb[1]:.1f} | {kb[2]:.1f} |")
    lines += ["", "CPU time (user + system of the build and its worker processes, best of the repetitions): "
              "what the builds cost when the two cores are shared with other work, as here.", "",
              "| N | theme | bare CPU (s) | home-only CPU (s) | first CPU (s) | second CPU (s) | first / bare "
              "| second / bare | first / home-only | second / home-only |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        c = r["cpu"]
        lines.append(f"| {r['n']:,} | {r['theme']} | {c['bare']:.2f} | {c['flat']:.2f} | {c['first']:.2f} "
                     f"| {c['second']:.2f} | {c['first'] / c['bare']:.2f} | {c['second'] / c['bare']:.2f} "
                     f"| {c['first'] / c['flat']:.2f} | {c['second'] / c['flat']:.2f} |")
    lines += ["", "| target | goal | measured (wall) |", "| --- | --- | --- |"]
    for r in rows:
        lines.append(f"| first build / bare, N = {r['n']:,}, {r['theme']} | ≤ 2.5 | {r['first ratio']:.2f} "
                     f"{'met' if r['first ratio'] <= 2.5 else 'not met'} |")
        lines.append(f"| second build / bare, N = {r['n']:,}, {r['theme']} | ≤ 1.5 (aim 1.25) | "
                     f"{r['second ratio']:.2f} {'met' if r['second ratio'] <= 1.5 else 'not met'} |")
    by = {(r["n"], r["theme"]): r for r in rows}
    for theme in dict.fromkeys(r["theme"] for r in rows):
        sizes = sorted(n for n, t in by if t == theme)
        if len(sizes) >= 2:
            lo, hi = by[(sizes[0], theme)], by[(sizes[-1], theme)]
            k = (hi["plugin bytes"] / hi["n"]) / (lo["plugin bytes"] / lo["n"])
            lines.append(f"| plugin site bytes per article, N = {hi['n']:,} / N = {lo['n']:,}, {theme} | ≤ 1.3 "
                         f"| {k:.2f} {'met' if k <= 1.3 else 'not met'} |")
    same = all(r["exports identical (first vs second build)"] for r in rows)
    lines.append(f"| briefing.json, first (cold cache) vs second (warm) build | identical | "
                 f"{'identical' if same else 'DIFFERENT'} |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_results(block: str) -> None:
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block.rstrip("\n") + rest.split(END, 1)[1]
    else:
        first_break = text.index("\n## ")
        text = text[:first_break] + "\n\n" + block + text[first_break:]
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="300,1000")
    ap.add_argument("--themes", default="mkdocs,material")
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md alone")
    args = ap.parse_args(argv)
    command = "benchmarks/headline.py " + " ".join(argv if argv is not None else sys.argv[1:])
    # The package's bytecode, compiled first, as `pip install` compiles it: MkDocs and
    # the other libraries have theirs. (This machine sets PYTHONDONTWRITEBYTECODE, so
    # an editable install would otherwise compile the package's source in every build.)
    compileall.compile_dir(str(ROOT / "mkdocs_china_belarus"), quiet=1)
    load0 = os.getloadavg()[0]
    rows = []
    out = HERE / "headline.json"
    for theme in args.themes.split(","):
        for n in (int(x) for x in args.sizes.split(",")):
            r = measure(n, theme, args.reps)
            rows.append(r)
            print(json.dumps({k: v for k, v in r.items() if k not in ("times", "cpu times")}), flush=True)
            out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    block = table(rows, command.strip(), (load0, os.getloadavg()[0]))
    print(block)
    if not args.no_write:
        write_results(block)


if __name__ == "__main__":
    main()
