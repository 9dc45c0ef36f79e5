"""Story families (issue 15): quality on a generated corpus of copies of real pages,
and speed at N = 5,000 against the whole pipeline.

    .venv/bin/python benchmarks/families.py [--webtext ../shared/datasets/webtext] [--n 5000]

writes `benchmarks/FAMILIES.md` (and `benchmarks/families.json`).

The generator (deterministic: `random.Random` seeded per page)
-----------------------------------------------------------------
*Originals*: the whole saved pages of the `train` split of webtext (real web pages
as text, menus, teasers and footers included; the `test` split is never read).
*Copies*: each original gets 0 to 3 copies (40 % of originals get at least one), each
copy made with one or more of these edits, as re-posting sites and analysts make them:

- `intro`: the outlet's own intro, a prose paragraph taken from another page, put
  after the headline;
- `tail`: the last 20 to 50 % of the story's paragraphs (lines of 12 words or more) cut,
  two kept at least;
- `spam`: a site-name token ("Phaninc Exchange") pasted into 1 to 4 sentences;
- `headline`: the first line replaced by another page's first line;
- `chrome`: the page's first and last 5 lines (its menus, footers) replaced by those
  of another page;
- `bytes`: CRLF line endings, a byte-order mark, trailing white space (an exact copy
  after normalisation).

*Hard negatives* (must stay apart): 60 pairs of pages whose prose comes from two
different originals, wrapped in the same agency chrome, credit line and dateline
("MINSK, 4 June (BelTA) –"), as two stories of one agency on one day; 60 pairs of two
different originals into which the same stock paragraph of diplomatic language is
pasted twice; and the webtext pages of one site, which share its menus and footers.
(Each page of a pair is a copy of its own original, and must join it.)

*Truth*: a copy's story is its original's. Scores are over pairs of pages: recall =
pairs of one story found in one family / pairs of one story; precision = pairs in one
family that are one story / pairs in one family. "Near" counts only pairs where a page
is a near copy (any edit but `bytes` alone). Originals that are themselves copies of
each other in webtext (the same page saved twice) are found first and merged into one
story, so they do not count as errors.

Speed: `benchmarks/generate.py`'s corpus of 4,000 articles plus 1,000 copies of them
(20 %) made with the edits above; the briefing built in process (default workers,
cache off), the time of finding families read from its progress line, and
`find_families` timed alone on the same texts (best of 3).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs_china_belarus import families as F  # noqa: E402

SPAM = "Phaninc Exchange"
STOCK = ("Xi Jinping pointed out that China and Belarus are all-weather comprehensive strategic partners, and that "
         "the two sides should continue to firmly support each other on issues concerning their core interests "
         "and major concerns, deepen political mutual trust and expand practical cooperation in all fields.")
AGENCY = """BelTA - News from Belarus
Home | Politics | Economy | Society | Regions | World | Photo | Video
Subscribe to our newsletter and receive the most important news of the day from Belarus and abroad every evening
{headline}
MINSK, 4 June (BelTA) –
{body}
Any use of materials is allowed only if there is a hyperlink to the website of the Belarusian Telegraph Agency BelTA.
Follow BelTA on Telegram, VKontakte, Twitter and Facebook for the latest news from Belarus and around the world.
"""


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _prose_lines(text: str) -> list[str]:
    return [ln for ln in _lines(text) if len(ln.split()) >= 20]


def edit(text: str, kinds: list[str], rng: random.Random, pool: list[str]) -> str:
    lines = _lines(text)
    other = rng.choice(pool)
    if "headline" in kinds and lines:
        lines[0] = _lines(other)[0]
    if "intro" in kinds:
        prose = _prose_lines(rng.choice(pool)) or ["Our correspondent adds that the story has drawn wide attention "
                                                   "among readers across the region in recent days."]
        lines.insert(1, rng.choice(prose))
    if "tail" in kinds:
        story = [i for i, ln in enumerate(lines) if len(ln.split()) >= 12]
        if len(story) > 2:
            cut = set(story[max(2, int(len(story) * rng.uniform(0.5, 0.8))):])
            lines = [ln for i, ln in enumerate(lines) if i not in cut]
    if "spam" in kinds:
        cands = [i for i, ln in enumerate(lines) if len(ln.split()) > 12]
        for i in rng.sample(cands, min(len(cands), rng.randint(1, 4))):
            words = lines[i].split(" ")
            k = rng.randrange(1, len(words) - 1)
            words[k] = SPAM + words[k]
            lines[i] = " ".join(words)
    if "chrome" in kinds and len(lines) > 12:
        o = _lines(other)
        lines = o[:5] + lines[5:-5] + o[-5:]
    out = "\n".join(lines)
    if "bytes" in kinds:
        out = "\ufeff" + out.replace("\n", "  \r\n")
    return out


def quality_corpus(webtext: Path, seed: int = 15) -> tuple[dict[str, str], dict[str, str], dict[str, bool]]:
    """(texts, story of each page, whether the page is a near copy) of the generated corpus."""
    markers = json.loads((webtext / "markers.json").read_text(encoding="utf-8"))
    train = [m for m in markers if m["split"] == "train"]
    pages = {f"w{m['id']}": (webtext / "pages" / f"{m['id']}.txt").read_text(encoding="utf-8") for m in train}
    pool = list(pages.values())
    texts, story, near = dict(pages), {k: k for k in pages}, {k: False for k in pages}
    rng = random.Random(seed)
    kinds_all = ["intro", "tail", "spam", "headline", "chrome"]
    for pid in sorted(pages):
        if rng.random() >= 0.4:
            continue
        for c in range(rng.randint(1, 3)):
            kinds = rng.sample(kinds_all, rng.randint(1, 3)) if rng.random() < 0.85 else ["bytes"]
            if rng.random() < 0.3 and "bytes" not in kinds:
                kinds.append("bytes")
            cid = f"{pid}-copy{c}-{'+'.join(kinds)}"
            texts[cid] = edit(pages[pid], kinds, rng, pool)
            story[cid] = pid
            near[cid] = kinds != ["bytes"]
    # hard negatives
    ids = sorted(pages)
    for k in range(60):
        a, b = rng.sample(ids, 2)
        for x, y in ((a, f"agency{k}a"), (b, f"agency{k}b")):
            prose = _prose_lines(pages[x]) or _lines(pages[x])
            texts[y] = AGENCY.format(headline=_lines(pages[x])[0], body="\n".join(prose))
            story[y], near[y] = x, True  # a copy of page x in the agency's chrome
    for k in range(60):
        a, b = rng.sample(ids, 2)
        for x, y in ((a, f"stock{k}a"), (b, f"stock{k}b")):
            ls = _lines(pages[x])
            at = len(ls) // 2
            texts[y] = "\n".join(ls[:at] + [STOCK] + ls[at:] + [STOCK])
            story[y], near[y] = x, True
    return texts, story, near


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    by = defaultdict(list)
    for k, g in groups.items():
        by[g].append(k)
    return {p for members in by.values() for p in itertools.combinations(sorted(members), 2)}


def score(texts, story, near) -> dict:
    t = time.perf_counter()
    found = F.find_families(texts).key
    elapsed = time.perf_counter() - t
    # pages webtext itself holds twice are one story
    originals = [k for k in texts if story[k] == k]
    orig_key = F.find_families({k: texts[k] for k in originals}).key
    merged = {k: orig_key[story[k]] for k in texts}
    true, pred = _pairs(merged), _pairs(found)
    near_true = {p for p in true if near[p[0]] or near[p[1]]}
    out = {
        "pages": len(texts), "copies": sum(1 for k in texts if story[k] != k),
        "near_copies": sum(1 for k in texts if near[k]),
        "webtext_pages_found_twice": sum(1 for k in originals if orig_key[k] != k),
        "true_pairs": len(true), "predicted_pairs": len(pred),
        "recall": len(true & pred) / max(1, len(true)),
        "precision": len(true & pred) / max(1, len(pred)),
        "near_recall": len(near_true & pred) / max(1, len(near_true)),
        "near_precision": len({p for p in pred if near[p[0]] or near[p[1]]} & true)
        / max(1, len({p for p in pred if near[p[0]] or near[p[1]]})),
        "hard_negatives_merged": sum(1 for k in range(60) for pre in ("agency", "stock")
                                     if found[f"{pre}{k}a"] == found[f"{pre}{k}b"]
                                     and merged[f"{pre}{k}a"] != merged[f"{pre}{k}b"]),
        "ms_per_page": elapsed * 1000 / len(texts),
    }
    missed = sorted(p for p in near_true - pred)[:15]
    wrong = sorted(p for p in pred - true)[:15]
    out["examples_missed"] = [list(p) for p in missed]
    out["examples_wrong"] = [list(p) for p in wrong]
    return out


def speed(n: int, workers: int) -> dict:
    """Families vs the whole pipeline at N pages, 20 % of them copies."""
    from mkdocs_china_belarus.briefing import Cache, build_briefing
    from mkdocs_china_belarus.models import Options
    from mkdocs_china_belarus.site import load_registry_for

    originals = int(n * 0.8)
    work = Path(tempfile.mkdtemp(prefix="families-"))
    src = work / "gen"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(originals), str(src)], check=True,
                   stdout=subprocess.DEVNULL)
    seeds = work / "seeds"
    seeds.mkdir()
    files = sorted(p for p in src.iterdir() if p.is_file())
    rng = random.Random(5)
    texts = {}
    for p in files:
        data = p.read_bytes()
        (seeds / p.name).write_bytes(data)
        try:
            texts[p.stem] = data.decode("utf-8")
        except UnicodeDecodeError:
            texts[p.stem] = data.decode("cp1251")
    pool = list(texts.values())
    plain = [p for p in files if p.suffix == ".txt"]
    for j in range(n - originals):
        p = rng.choice(plain)
        kinds = rng.sample(["intro", "tail", "spam", "headline", "bytes"], rng.randint(1, 2))
        (seeds / f"copy{j:05d}_{p.stem}.txt").write_text(edit(texts[p.stem], kinds, rng, pool), encoding="utf-8",
                                                        newline="")
    reg = load_registry_for(ROOT, None, True)
    lines: list[str] = []
    t = time.perf_counter()
    cpu = time.process_time()
    b = build_briefing(seeds, options=Options(workers=workers), registry=reg, cache=Cache(), progress=lines.append)
    total = time.perf_counter() - t
    fam_line = next(x for x in lines if "story famil" in x)
    fam_time = float(re.search(r"\(([\d.]+) s\)", fam_line).group(1))
    docs = {}
    for p in sorted(seeds.iterdir()):
        data = p.read_bytes()
        try:
            docs[p.stem] = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            docs[p.stem] = data.decode("cp1251")
    alone = []
    for _ in range(3):
        t = time.perf_counter()
        F.find_families(docs)
        alone.append(time.perf_counter() - t)
    fifth = dict(list(docs.items())[: len(docs) // 5])
    small = []
    for _ in range(3):
        t = time.perf_counter()
        F.find_families(fifth)
        small.append(time.perf_counter() - t)
    return {"n": len(list(seeds.iterdir())), "workers": workers, "pipeline_s": total,
            "pipeline_cpu_s_main_process": time.process_time() - cpu,
            "families_in_pipeline_s": fam_time, "share": fam_time / total,
            "families_alone_best_s": min(alone), "ms_per_article": min(alone) * 1000 / len(docs),
            "ms_per_article_at_a_fifth": min(small) * 1000 / len(fifth), "fifth": len(fifth),
            "families": sum(1 for f in b.families if f.size > 1), "progress": lines}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--webtext", default=str(ROOT.parent / "shared" / "datasets" / "webtext"))
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    q = score(*quality_corpus(Path(args.webtext)))
    print(json.dumps({k: v for k, v in q.items() if not k.startswith("examples")}, indent=1))
    s = None if args.skip_speed else speed(args.n, args.workers)
    if s:
        print(json.dumps({k: v for k, v in s.items() if k != "progress"}, indent=1))
    load = os.getloadavg()[0]
    (ROOT / "benchmarks" / "families.json").write_text(json.dumps({"quality": q, "speed": s, "load": load}, indent=1)
                                                       + "\n", encoding="utf-8")
    md = ["# Story families", "", "Written by `benchmarks/families.py` (the generator is described in its docstring).",
          f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {load:.1f}.", "",
          "## Quality: copies of real pages (webtext train split)", "",
          "| | value | target |", "| --- | ---: | --- |",
          f"| pages | {q['pages']:,} ({q['copies']} copies, {q['near_copies']} near copies; 120 hard-negative pages) | |",
          f"| near-copy recall (pairs) | {q['near_recall']:.3f} | ≥ 0.95 |",
          f"| near-copy precision (pairs) | {q['near_precision']:.3f} | ≥ 0.99 |",
          f"| all pairs: recall / precision | {q['recall']:.3f} / {q['precision']:.3f} | |",
          f"| hard negatives merged (agency chrome, stock phrase: 120 pairs) | {q['hard_negatives_merged']} | 0 |",
          f"| webtext pages that are copies of each other already | {q['webtext_pages_found_twice']} | |",
          f"| time | {q['ms_per_page']:.2f} ms per page | |", ""]
    if s:
        md += ["## Speed: N = {:,}, 20 % copies".format(s["n"]), "",
               "| | value | target |", "| --- | ---: | --- |",
               f"| finding families, alone (best of 3) | {s['families_alone_best_s']:.2f} s, "
               f"{s['ms_per_article']:.2f} ms per article | near-linear |",
               f"| the same at N = {s['fifth']:,} (best of 3) | {s['ms_per_article_at_a_fifth']:.2f} ms per article | "
               "about the same per article |",
               f"| finding families, inside the pipeline | {s['families_in_pipeline_s']:.2f} s | |",
               f"| whole briefing (ingest, families, clean, read, group; {s['workers'] or 'default'} workers, no cache)"
               f" | {s['pipeline_s']:.1f} s | |",
               f"| families' share of the pipeline | {s['share'] * 100:.1f} % | < 10 % |", "",
               "Progress lines of that build:", "", *[f"    {x}" for x in s["progress"]], ""]
    md += ["## Screenshots", "",
           "`benchmarks/families_screenshots.py`: the seeds plus copies of three of them, Material theme.", "",
           "![the 2025-06-04 meeting, seen through one story and its three copies](families_meeting.png)", "",
           "![a carrier's page naming its family](families_source_page.png)", ""]
    (ROOT / "benchmarks" / "FAMILIES.md").write_text("\n".join(md), encoding="utf-8")


if __name__ == "__main__":
    main()
