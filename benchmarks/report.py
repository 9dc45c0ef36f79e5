"""RESULTS.md and the plot, from the figures `run.py` collected (also kept in
benchmarks/_work/results.json; `python benchmarks/report.py` rewrites the report from it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

STAGES = ("ingest", "corpus evidence", "clean", "match", "meetings", "render", "link injection")
NOTES_FILE = HERE / "NOTES.md"  # hand-written analysis appended to the report


def _k(d: dict, n) -> dict:
    return d.get(n) or d.get(str(n)) or {}


def _ok(flag: bool) -> str:
    return "met" if flag else "**not met**"


def plot(results: dict, png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    builds = results["builds"]
    for theme, style in (("mkdocs", "-"), ("material", "--")):
        rows = sorted((v for v in builds.values() if v["theme"] == theme), key=lambda v: v["n"])
        if len(rows) < 1:
            continue
        ns = [r["n"] for r in rows]
        ax.plot(ns, [1000 * min(r["bare"]) / r["n"] for r in rows], style, marker="o", color="#777777",
                label=f"bare build ({theme} theme)")
        ax.plot(ns, [1000 * min(r["plugin"]) / r["n"] for r in rows], style, marker="s", color="#c0392b",
                label=f"plugin build ({theme} theme)")
    pipe = sorted((int(n), v) for n, v in results["stages"].items())
    ax.plot([n for n, _ in pipe], [1000 * v["pipeline default workers"] / n for n, v in pipe], ":", marker="^",
            color="#2471a3", label="pipeline alone (in process)")
    ax.set_xscale("log")
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("milliseconds per article")
    ax.set_title("Build time per article, best of runs")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png)
    plt.close(fig)


def write(results: dict, out: Path, png: Path) -> None:
    plot(results, png)
    m = results["machine"]
    sizes = [int(s) for s in results["sizes"]]
    L: list[str] = []
    add = L.append
    add("# Benchmarks")
    add("")
    add("Written by `benchmarks/run.py` (command in the README's Performance section). Every time is the")
    add("best of several runs made in the same invocation on this machine, bare and plugin builds")
    add(f"interleaved: {results['reps']} runs per point, {results['large reps']} at N = {max(sizes):,}.")
    add("Each build is a separate `mkdocs build` process, so Python start-up and imports count on both sides.")
    add(f"The whole run took {results['elapsed'] / 60:.0f} minutes: `{results.get('command', 'benchmarks/run.py')}`.")
    if "load before" in results:
        add(f"Load average (1 min) before / after the run: {results['load before'][0]:.1f} / "
            f"{results['load after'][0]:.1f} on {m['cores']} cores (other work on the machine slows both sides alike; "
            "it hides the process pool's gain, which needs an idle core).")
    add("")
    add("## Machine")
    add("")
    add("| | |")
    add("| --- | --- |")
    for k, v in m.items():
        add(f"| {k} | {v} |")
    add("")

    # -- targets ------------------------------------------------------------------
    builds = results["builds"]
    st = results["stages"]
    lk = results["linking"]
    sv = results["serve"]
    rows = []
    b1000 = builds.get("1000/mkdocs")
    if b1000:
        r = min(b1000["plugin"]) / min(b1000["bare"])
        rows.append(("plugin build / bare build, N = 1,000, mkdocs theme", "≤ 1.15", f"{r:.3f}", _ok(r <= 1.15)))
    bm = builds.get("1000/material")
    if bm:
        r = min(bm["plugin"]) / min(bm["bare"])
        rows.append(("plugin build / bare build, N = 1,000, Material (reported)", "—", f"{r:.3f}", "—"))
    if _k(st, 5000) and _k(st, 1000):
        r_in = _k(st, 5000)["pipeline default workers"] / _k(st, 1000)["pipeline default workers"]
        r_cli = _k(results["cli"], 5000) / _k(results["cli"], 1000) if isinstance(_k(results["cli"], 1000), float) else \
            results["cli"]["5000"] / results["cli"]["1000"]
        rows.append(("pipeline time(5,000) / time(1,000), in process", "≤ 5.5", f"{r_in:.2f}", _ok(r_in <= 5.5)))
        rows.append(("pipeline time(5,000) / time(1,000), CLI export (with start-up)", "≤ 5.5", f"{r_cli:.2f}",
                     _ok(r_cli <= 5.5)))
    speed = lk["naive default"] / lk["ours default"]
    rows.append(("link injection: naive baseline / ours, default registry", "≥ 5", f"{speed:.0f}×", _ok(speed >= 5)))
    grow = lk["ours big"] / lk["ours default"]
    rows.append((f"link injection: {lk['aliases big']:,} aliases / default ({lk['aliases default']} aliases)",
                 "≤ 2", f"{grow:.2f}", _ok(grow <= 2)))
    big_n = max(int(n) for n in st)
    s = _k(st, big_n)
    speedup = s["pool phase 1 worker"] / s["pool phase default workers"]
    cpu_share = s["pool phase default workers cpu"] / s["pool phase default workers"]
    rows.append((f"briefing (ingest, clean, read each article; group), N = {big_n:,}: 1 worker / "
                 f"{s.get('workers default', 2)} workers (default); "
                 f"CPU time / wall (load average {s.get('load average', float('nan')):.1f})",
                 "uses both cores", f"{speedup:.2f}× faster; {cpu_share:.2f} cores busy", _ok(speedup > 1.3)))
    if all("identical exports" in v for v in st.values()):
        same = all(v["identical exports"] for v in st.values())
        rows.append((f"exports identical, 1 worker vs {s.get('workers default', 2)}", "identical",
                     "identical" if same else "DIFFERENT", _ok(same)))
    e = sv["edited seed"]
    share = e["pipeline"] / e["total"]
    rows.append((f"serve rebuild after editing one seed, N = {sv['n']:,}: pipeline share", "< 10 %",
                 f"{100 * share:.1f} %", _ok(share < 0.10)))
    def work(w: dict) -> str:
        return " / ".join(str(w.get(k, "—")) for k in ("ingest", "clean", "read"))

    rows.append(("… seeds ingested / cleaned / read (mentions, meeting reports) after editing one seed",
                 "1 / 1 / 1", work(e["work"]), _ok(all(e["work"].get(k, 1) == 1 for k in ("ingest", "clean", "read")))))
    t = sv["touched seed"]
    rows.append(("… after touching one seed (content unchanged)", "0 / 0 / 0", work(t["work"]),
                 _ok(all(t["work"].get(k, 0) == 0 for k in ("ingest", "clean", "read")))))
    add("## Targets")
    add("")
    add("| target | goal | measured | |")
    add("| --- | --- | --- | --- |")
    for r in rows:
        add("| " + " | ".join(r) + " |")
    add("")

    # -- builds ---------------------------------------------------------------------------
    add("## Bare build vs plugin build")
    add("")
    add("*bare*: `mkdocs build` of the pages the plugin would generate, written beforehand by")
    add("`python -m mkdocs_china_belarus export … --pages`, as plain Markdown in `docs_dir`, no plugin, with")
    add("the same nav written out in `mkdocs.yml`. *plugin*: `mkdocs build` from the N raw seeds. Same")
    add("theme, `search` plugin in both.")
    add("")
    add("| N | theme | bare (s) | plugin (s) | plugin − bare (s) | plugin / bare | bare ms/article | plugin ms/article |")
    add("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for _key, v in sorted(builds.items(), key=lambda kv: (kv[1]["n"], kv[1]["theme"])):
        b, p = min(v["bare"]), min(v["plugin"])
        add(f"| {v['n']:,} | {v['theme']} | {b:.2f} | {p:.2f} | {p - b:.2f} | {p / b:.3f} | "
            f"{1000 * b / v['n']:.1f} | {1000 * p / v['n']:.1f} |")
    add("")
    add(f"![time per article against N]({png.name})")
    add("")

    # -- pipeline ---------------------------------------------------------------------------
    add("## The pipeline alone")
    add("")
    add("CLI export (`python -m mkdocs_china_belarus export SEEDS -o … --pages …`, a process, start-up")
    add("included) and, in process, the pipeline's parts with one worker: articles per second and")
    add("MB of raw seeds per second (link injection: MB of rendered page HTML per second, over every")
    add("generated page converted from Markdown as MkDocs does).")
    add("")
    head = "| stage | " + " | ".join(f"N = {n:,}" for n in sizes) + " |"
    add(head)
    add("| --- |" + " ---: |" * len(sizes))
    add("| CLI export, default workers (s) | " + " | ".join(f"{_k(results['cli'], n):.2f}" if _k(results['cli'], n) else
                                                         f"{results['cli'][str(n)]:.2f}" for n in sizes) + " |")
    for key, label in (("pipeline 1 worker", "pipeline (briefing + pages + export), 1 worker"),
                       ("pipeline default workers", "pipeline (briefing + pages + export), default workers"),
                       ("pool phase 1 worker", "briefing only (cold cache), 1 worker"),
                       ("pool phase default workers", "briefing only (cold cache), default workers")):
        add(f"| {label}, in process (s) | " + " | ".join(f"{_k(st, n)[key]:.2f}" for n in sizes) + " |")
    for stage in STAGES:
        cells = []
        for n in sizes:
            v = _k(st, n)
            secs = v[stage]
            if stage == "link injection" and "html bytes" not in v:
                cells.append(f"{secs:.2f} s")
                continue
            mb = (v["html bytes"] if stage == "link injection" else v["bytes"]) / 1e6
            unit = v["pages"] if stage == "link injection" else n
            cells.append(f"{secs:.2f} s · {unit / secs:,.0f}/s · {mb / secs:.1f} MB/s" if secs > 0 else "0")
        add(f"| {stage} | " + " | ".join(cells) + " |")
    add("| raw seeds (MB) | " + " | ".join(f"{_k(st, n)['bytes'] / 1e6:.1f}" for n in sizes) + " |")
    for label, key, fmt in (("generated pages", "pages", "{:,}"), ("rendered page HTML (MB)", "html bytes", "{:.1f}"),
                            ("meetings found", "meetings found", "{:,}")):
        scale = 1e6 if key == "html bytes" else 1
        add(f"| {label} | " + " | ".join(fmt.format(_k(st, n)[key] / scale) if key in _k(st, n) else "—"
                                          for n in sizes) + " |")
    add("")
    add("(link injection counts pages per second; the other stages articles per second.)")
    add("")

    # -- linking -------------------------------------------------------------------------
    add("## Link injection")
    add("")
    add(f"{lk['pages']} rendered pages of the N = 1,000 site, spread over sources, entities and meetings "
        f"({lk['html bytes'] / 1e6:.1f} MB). *naive*: one regular expression per alias, run over each page "
        "(first match of each alias replaced, no HTML awareness). *ours*: `linking.link_entities` (the "
        "tokenising fast path, falling back to BeautifulSoup for unusual markup). The automaton is built once "
        "per site build and is timed apart.")
    add("")
    add("| registry | aliases | ours (s) | ms/page | BeautifulSoup path (s) | naive (s) | naive / ours | automaton build (s) |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    add(f"| default | {lk['aliases default']:,} | {lk['ours default']:.3f} | {1000 * lk['ours default'] / lk['pages']:.2f} | "
        f"{lk['bs4 path default']:.3f} | {lk['naive default']:.2f} | {lk['naive default'] / lk['ours default']:.0f}× | "
        f"{lk['matcher default']:.3f} |")
    add(f"| grown | {lk['aliases big']:,} | {lk['ours big']:.3f} | {1000 * lk['ours big'] / lk['pages']:.2f} | — | "
        f"{lk['naive big']:.2f} | {lk['naive big'] / lk['ours big']:.0f}× | {lk['matcher big']:.3f} |")
    add("")

    # -- serve ---------------------------------------------------------------------------
    add("## `mkdocs serve` rebuilds")
    add("")
    add(f"N = {sv['n']:,}, {sv['theme']} theme, driven in process the way `mkdocs serve` does (config reloaded for "
        "each rebuild, the same plugin instance kept, `on_startup(command=\"serve\")`). *plugin hooks*: time "
        "inside all of the plugin's event handlers (pipeline, generated files, nav, link injection); "
        "*pipeline*: inside `build_briefing` only.")
    add("")
    add("| build | total (s) | plugin hooks (s) | pipeline (s) | pipeline share | hooks share | seeds ingested | "
        "seeds cleaned | articles read |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key in ("first build", "edited seed", "touched seed"):
        r = sv[key]
        add(f"| {key} | {r['total']:.2f} | {r['plugin hooks']:.2f} | {r['pipeline']:.2f} | "
            f"{100 * r['pipeline'] / r['total']:.1f} % | {100 * r['plugin hooks'] / r['total']:.1f} % | "
            f"{r['work']['ingest']} | {r['work']['clean']} | {r['work'].get('read', '—')} |")
    add("")
    if NOTES_FILE.exists():
        add(NOTES_FILE.read_text(encoding="utf-8").rstrip())
        add("")
    out.write_text("\n".join(L) + "\n", encoding="utf-8")


if __name__ == "__main__":
    src = HERE / "_work" / "results.json"
    write(json.loads(src.read_text()), HERE / "RESULTS.md", HERE / "time_per_article.png")
    print(f"rewrote {HERE / 'RESULTS.md'} from {src}", file=sys.stderr)
