#!/usr/bin/env python3
"""The cleaner on real pages: marker scores on the webtext corpus, per split and per
language guess, and the time it takes per article.

    python benchmarks/cleaner.py [--webtext ../shared/datasets/webtext] [--out benchmarks/CLEANER.md]

Each page is cleaned alone with the shipped model (`clean.clean`, as `mkdocs build`
does for a seed; no corpus rule, since the pages come from different sites), and scored
as ../shared/tools/score_markers.py scores an export: a keep marker counts when a line
holding it is kept (body, heading or title), a drop marker when every line holding it
is dropped or read as metadata. The train split is what the model was trained on, so
its figure is in-sample; `scripts/train_line_model.py --cv 3` gives the cross-validated
train figure. Timing: the cleaner alone on one core (the process's own CPU time),
median over the pages of 7-9 KB (the corpus's median size is 8 KB).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from mkdocs_china_belarus.clean import clean  # noqa: E402
from mkdocs_china_belarus.linemodel.trees import load_model  # noqa: E402
from mkdocs_china_belarus.models import Document  # noqa: E402
from mkdocs_china_belarus.rules import load_rules  # noqa: E402
from train_line_model import cross_validate, load_pages, score_roles, table  # noqa: E402


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--webtext", default=str(ROOT.parent / "shared" / "datasets" / "webtext"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "CLEANER.md"))
    ap.add_argument("--cv", type=int, default=3, metavar="K",
                    help="also cross-validate the whole cleaner on train in K folds (0: skip; about 10 minutes)")
    args = ap.parse_args(argv)
    webtext = Path(args.webtext)
    records = json.loads((webtext / "markers.json").read_text(encoding="utf-8"))
    rules, model = load_rules(), load_model()
    roles: dict[str, list[tuple[str, str]]] = {}
    times: list[tuple[int, float]] = []
    for rec in records:
        text = (webtext / "pages" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        doc = Document(id=rec["id"], source_path=rec["id"], sha256="", encoding="utf-8", text=text)
        t = time.process_time()
        art = clean(doc, rules, model=model)
        times.append((len(text.encode()), time.process_time() - t))
        roles[rec["id"]] = [(ln.text, ln.role) for ln in art.lines]
    out = ["# The cleaner on real pages (webtext corpus)", "",
           f"Model: `mkdocs_china_belarus/data/line_model.json` ({model.info.get('source', '?')}, "
           f"fingerprint {model.fingerprint}), threshold {model.threshold}.", "",
           "Command: `python benchmarks/cleaner.py` (needs scikit-learn for the cross-validation: "
           "`pip install -e '.[train]'`). Markers are counted as `../shared/tools/score_markers.py` counts them; "
           "each page is cleaned alone, without the corpus rule.", ""]
    for split in ("test", "train"):
        recs = [r for r in records if r["split"] == split]
        what = "held out: never used for training or tuning" if split == "test" else "in-sample: the model was trained on it"
        out += [f"## {split} split ({len(recs)} pages; {what})", "", table(score_roles(recs, roles)), ""]
    if args.cv:
        pages = load_pages(webtext, "train")
        out += [f"## train split, cross-validated ({args.cv} folds: each fold cleaned with a model trained on the others)",
                "", table(cross_validate(pages, webtext, args.cv)), ""]
    median = [ms for size, ms in times if 7000 <= size <= 9000]
    out += ["## Time", "",
            f"Median CPU time of `clean()` on the {len(median)} pages of 7-9 KB: "
            f"**{statistics.median(median) * 1000:.2f} ms** per article (one core); "
            f"over all {len(times)} pages: {sum(ms for _, ms in times):.1f} s, "
            f"{sum(ms for _, ms in times) / sum(s for s, _ in times) * 8192 * 1000:.2f} ms per 8 KB on average.", ""]
    Path(args.out).write_text("\n".join(out), encoding="utf-8")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
