"""Time per article of the meeting reader (issue 12): reading each article for its
meeting reports (sentences, mentions, dates, places) and grouping them across the
corpus, on the generated corpus of benchmarks/generate.py, with the full registry
(curated entries, name forms, gazetteer).

    .venv/bin/python benchmarks/meetings_reading.py 1000 5000

Prints ms per article for reading and for grouping at each N, wall clock and CPU time
of the process (on a machine shared with other jobs the CPU time is the steadier
figure): reading should stay flat as N grows, grouping close to flat.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    from mkdocs_china_belarus.briefing import build_briefing
    from mkdocs_china_belarus.entities import Matcher, load_registry
    from mkdocs_china_belarus.meetings import make_reader, meetings_from_reports, read_reports
    from mkdocs_china_belarus.models import Options

    sizes = [int(a) for a in argv] or [1000, 5000]
    t0 = time.perf_counter()
    registry = load_registry()
    matcher = Matcher(registry)
    reader = make_reader(registry, matcher)
    print(f"registry {len(registry.entities)} entities, {matcher.size} aliases: "
          f"loaded and compiled in {time.perf_counter() - t0:.2f} s")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), tmp], check=True,
                           stdout=subprocess.DEVNULL)
            articles = build_briefing(tmp, options=Options(workers=1), registry=registry).articles
        t, c = time.perf_counter(), time.process_time()
        drafts = [read_reports(a, reader) for a in articles]
        read, read_cpu = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        meetings = meetings_from_reports(drafts, reader)
        group, group_cpu = time.perf_counter() - t, time.process_time() - c
        print(f"N = {n:>5}: reading {1000 * read / n:.2f} ms/article ({1000 * read_cpu / n:.2f} CPU), grouping "
              f"{1000 * group / n:.3f} ms/article ({1000 * group_cpu / n:.3f} CPU), "
              f"{sum(map(len, drafts))} reports, {len(meetings)} meetings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
