"""`python -m mkdocs_china_belarus`: the same pipeline as the plugin, without a site build.

    export SEEDS_DIR -o FILE   write briefing.json (and comparison.csv beside it);
                               --pages DIR also writes the generated Markdown pages
    audit SEEDS_DIR            print each article's metadata and the lines dropped, with reasons
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .briefing import build_briefing
from .models import Options
from .rules import DataFileError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mkdocs_china_belarus", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"mkdocs-china-belarus {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("seeds_dir", help="folder of raw articles, read recursively")
        sp.add_argument("--entities", help="your own entity registry (YAML), merged over the default")
        sp.add_argument("--no-default-entities", action="store_true", help="use only the registry given by --entities")
        sp.add_argument("--boilerplate", help="extra boilerplate patterns (YAML, same shape as data/boilerplate.yml)")
        sp.add_argument("--boilerplate-min-seeds", type=int, default=3, metavar="N",
                        help="a line recurring in N unrelated seeds is boilerplate (default 3)")
        sp.add_argument("--workers", type=int, default=0, help="processes for ingest and cleaning (0: one per core)")
        sp.add_argument("--strict", action="store_true", help="exit with status 1 when any warning was printed")

    ex = sub.add_parser("export", help="write briefing.json without a site build")
    common(ex)
    ex.add_argument("-o", "--output", required=True, help="the JSON file to write (comparison.csv goes beside it)")
    ex.add_argument("--pages", help="also write the generated Markdown pages into this folder")
    ex.add_argument("--section", default="sources", help="URL prefix of the source pages (default: sources)")
    ex.add_argument("--no-directory-urls", action="store_true", help="URLs as page.html instead of page/")

    au = sub.add_parser("audit", help="print metadata and dropped lines of each article")
    common(au)
    au.add_argument("--all", action="store_true", help="print every line with its role, not only the dropped ones")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.boilerplate_min_seeds < 2 or args.workers < 0:
        print("error: --boilerplate-min-seeds must be 2 or more and --workers 0 or more", file=sys.stderr)
        return 2
    if args.no_default_entities and not args.entities:
        print("error: --no-default-entities needs --entities FILE", file=sys.stderr)
        return 2
    options = Options(
        section=getattr(args, "section", "sources").strip("/"),
        use_directory_urls=not getattr(args, "no_directory_urls", False),
        boilerplate_min_seeds=args.boilerplate_min_seeds,
        extra_boilerplate=args.boilerplate,
        workers=args.workers,
    )
    try:
        from .site import SitePages, load_registry_for

        registry = load_registry_for(Path.cwd(), args.entities, not args.no_default_entities)
        briefing = build_briefing(args.seeds_dir, options=options, display_root=Path.cwd(), registry=registry,
                                  progress=lambda msg: print(f"INFO: {msg}", file=sys.stderr))
    except (DataFileError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in briefing.problems:
        print(f"WARNING: {problem}", file=sys.stderr)

    site = SitePages(briefing)
    if args.command == "export":
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(site.export_json(), encoding="utf-8")
        out.with_name("comparison.csv").write_text(site.comparison_csv(), encoding="utf-8", newline="")
        if args.pages:
            root = Path(args.pages)
            for path, content in site.pages().items():
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
        print(f"{len(briefing.articles)} article(s), {len(briefing.meetings)} meeting(s) -> {out}", file=sys.stderr)
    else:
        _audit(briefing, show_all=args.all)
    return 1 if args.strict and briefing.problems else 0


def _audit(briefing, show_all: bool) -> None:
    for a in sorted(briefing.articles, key=lambda a: a.id):
        m = a.meta
        print(f"== {a.id}  ({a.source_path}, {a.format}, {a.encoding})")
        for label, value in (("title", m.title), ("outlet", m.outlet), ("published", m.published),
                             ("  note", m.published_note), ("byline", m.byline), ("editor", m.editor),
                             ("dateline", m.dateline), ("wires", ", ".join(m.wires)),
                             ("sources", ", ".join(m.sources)), ("notes", "; ".join(m.notes))):
            if value:
                print(f"   {label:10} {value}")
        kept = sum(1 for ln in a.lines if ln.role in ("body", "heading"))
        print(f"   lines      {len(a.lines)} non-blank: {kept} kept, "
              f"{sum(1 for ln in a.lines if ln.role == 'drop')} dropped, "
              f"{sum(1 for ln in a.lines if ln.role == 'meta')} metadata")
        for ln in a.lines:
            if show_all or ln.role == "drop":
                text = " ".join(ln.text.split())
                text = text if len(text) <= 90 else text[:89] + "…"
                print(f"   {ln.n:5} {ln.role:7} {ln.reason}: {text}")
        for r in a.repairs:
            print(f"   {r.n:5} repair  {r.reason}: {r.before!r} -> {r.after!r}")
        print()
