"""The whole corpus: find seeds, ingest and clean them (cached by content hash, in a
process pool when the corpus is large), then link entities and compare meetings.

`build_briefing` is what both the MkDocs plugin and the CLI call.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import logging
import multiprocessing
import os
import pickle
import re
import threading
import time
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import __version__
from .corpus import fingerprint, recurring_lines
from .ingest import SeedFile, SkipSeed, find_seeds, ingest, read_bytes, seed_ids
from .models import Article, Document, Options, Problem
from .rules import Rules, load_rules

if TYPE_CHECKING:
    from .entities import Registry

POOL_MIN_SEEDS = 150  # below this a process pool costs more than it saves (benchmarks/NOTES.md)


@dataclass
class Cache:
    """Kept across `mkdocs serve` rebuilds (and saved on disk between builds, see
    `cache.py`): documents by content hash, cleaned articles by content hash plus the
    corpus evidence and rules that shaped them, each article's own reading (entity
    mentions, meeting reports) by the article's key plus the registry and lexicons, and
    the meetings grouped from the readings of the whole corpus. `work` counts what was
    actually (re)done, for tests and benchmarks; `groupings` how often meetings were
    grouped."""

    documents: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    readings: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    # The plugin's: generated pages and exports by briefing key and options, and linked
    # page HTML by page content, URL and link targets (see plugin.py).
    site: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    converted: dict = field(default_factory=dict)  # large generated pages as converted by MkDocs
    # The last briefing (without its registry), by the digest of its inputs: a build of
    # an unchanged corpus takes it whole, without loading the rules or lexicons.
    briefings: dict = field(default_factory=dict)
    registry: Registry | None = None  # the plugin's, made from the files the disk key hashes
    work: dict = field(default_factory=lambda: {"ingest": 0, "clean": 0, "read": 0})
    groupings: int = 0
    # Loaded from disk under a key that covers the registry and lexicons: readings by
    # article key and meetings by corpus digest, taken over by the next build.
    stored_readings: dict = field(default_factory=dict)
    stored_meetings: dict = field(default_factory=dict)
    knowledge: tuple | None = None  # of the last build
    _blob: bytes | None = None  # readings and meetings as loaded from disk, still pickled

    def prune(self, doc_keys: set, art_keys: set, reading_keys: set, meeting_keys: set | frozenset = frozenset()) -> None:
        self.documents = {k: v for k, v in self.documents.items() if k in doc_keys}
        self.articles = {k: v for k, v in self.articles.items() if k in art_keys}
        self.readings = {k: v for k, v in self.readings.items() if k in reading_keys}
        self.meetings = {k: v for k, v in self.meetings.items() if k in meeting_keys}
        self.stored_readings = {}
        self.stored_meetings = {}

    def is_empty(self) -> bool:
        return not (self.documents or self.articles or self.readings or self._blob)

    def payload(self) -> dict:
        """What goes to disk: the entries of the last build (readings and meetings
        without the in-process knowledge fingerprint; the disk key stands for it). The
        readings and meetings are pickled apart ("reading", a blob) and unpickled only
        when a build needs them: their classes import the meeting reader, which a build
        of an unchanged corpus does not need."""
        k = self.knowledge
        if self._blob is not None and not self.readings and not self.meetings:
            blob = self._blob  # loaded and never needed: written back as it came
        else:
            self.unpack()
            readings = {key: r for (key, kn), r in self.readings.items() if kn == k}
            meetings = {key: m for (key, kn), m in self.meetings.items() if kn == k}
            for key, r in self.stored_readings.items():  # loaded, not yet taken over by a build
                readings.setdefault(key, r)
            for key, m in self.stored_meetings.items():
                meetings.setdefault(key, m)
            blob = pickle.dumps({"readings": readings, "meetings": meetings}, protocol=pickle.HIGHEST_PROTOCOL)
        briefings = {key: dataclasses.replace(b, meetings=Packed(b.meetings)) for key, b in self.briefings.items()}
        return {
            "documents": dict(self.documents),
            "articles": dict(self.articles),
            "reading": blob,
            "site": dict(self.site),
            "links": dict(self.links),
            "converted": dict(self.converted),
            "briefings": briefings,
            "registry": self.registry,
        }

    def restore(self, payload: dict) -> bool:
        """Take entries loaded from disk; False (nothing taken) if the shape is wrong."""
        documents, articles = payload.get("documents"), payload.get("articles")
        if not isinstance(documents, dict) or not isinstance(articles, dict) \
                or not isinstance(payload.get("reading"), bytes):
            return False
        if not all(isinstance(v, (Document, str)) for v in documents.values()) \
                or not all(isinstance(v, Article) for v in articles.values()):
            return False
        self.documents.update(documents)
        self.articles.update(articles)
        self._blob = payload["reading"]
        for name in ("site", "links", "converted", "briefings"):
            part = payload.get(name)
            if isinstance(part, dict):
                getattr(self, name).update(part)
        from .entities import Registry

        if isinstance(payload.get("registry"), Registry):
            self.registry = payload["registry"]
        return True

    def unpack(self) -> None:
        """Unpickle the readings and meetings loaded from disk (a damaged blob is
        dropped: those entries are redone)."""
        blob, self._blob = self._blob, None
        if blob is None:
            return
        try:
            part = pickle.loads(blob)
            readings, meetings = part["readings"], part["meetings"]
        except Exception:  # noqa: BLE001  (checked by the file's checksum; never trusted blindly)
            return
        if isinstance(readings, dict) and all(v is None or isinstance(v, Reading) for v in readings.values()):
            self.stored_readings = readings
        if isinstance(meetings, dict):
            self.stored_meetings = meetings


class Packed(Sequence):
    """A tuple kept pickled until it is first used: the meetings of a cached briefing,
    whose classes import the meeting reader (a build that takes its pages from the
    cache never looks at them)."""

    def __init__(self, items=(), blob: bytes | None = None, n: int | None = None) -> None:
        if isinstance(items, Packed):
            blob, n = items._pickled(), len(items)
            items = ()
        self._items: tuple | None = None if blob is not None else tuple(items)
        self._blob = blob
        self._n = n if n is not None else len(self._items or ())

    def _pickled(self) -> bytes:
        if self._blob is None:
            self._blob = pickle.dumps(self._items, protocol=pickle.HIGHEST_PROTOCOL)
        return self._blob

    def _get(self) -> tuple:
        if self._items is None:
            self._items = tuple(pickle.loads(self._pickled()))
        return self._items

    def __reduce__(self):
        return (Packed, ((), self._pickled(), self._n))

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        return self._get()[i]

    def __iter__(self):
        return iter(self._get())

    def __bool__(self) -> bool:
        return self._n > 0


@dataclass(frozen=True)
class Reading:
    """What one article says on its own, before the corpus-wide steps: entity mentions
    (counts and the first one, with context) and meeting reports before grouping."""

    mentions: dict
    first_mentions: dict
    reports: tuple = ()


@dataclass(frozen=True)
class Briefing:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    mentions: dict = field(default_factory=dict)  # article id -> {entity id: count}
    first_mentions: dict = field(default_factory=dict)  # article id -> {entity id: (line, snippet)}
    meetings: tuple = ()
    families: tuple = ()  # families.Family: copies of one story (every article is in one)
    registry: Registry | None = None
    options: Options = Options()
    generator: str = f"mkdocs-china-belarus {__version__}"
    # A digest of everything the briefing was made from (each article's key, the
    # problems, the registry): equal keys, equal briefings (within one package version).
    key: str = ""

    def article(self, article_id: str) -> Article | None:
        for a in self.articles:
            if a.id == article_id:
                return a
        return None


def slugify(article_id: str) -> str:
    """A URL-safe path for an article id (letters of any script, digits, '-', '_')."""
    parts = []
    for part in article_id.split("/"):
        s = unicodedata.normalize("NFC", part)
        s = re.sub(r"[^\w.-]+", "-", s).strip("-.")
        parts.append(s or "seed")
    return "/".join(parts)


def article_urls(ids: list[str], options: Options) -> dict[str, str]:
    """Page URL (relative to the site root) and source file path of each article."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for art_id in sorted(ids):
        base = slugify(art_id)
        slug, k = base, 2
        while slug.casefold() in used or slug.casefold() == "index":
            slug, k = f"{base}-{k}", k + 1
        used.add(slug.casefold())
        out[art_id] = slug
    return out


def page_path(options: Options, slug: str) -> str:
    """The Markdown file of an article's page, relative to docs_dir."""
    return f"{options.section}/{slug}.md"


def page_url(options: Options, slug: str) -> str:
    if options.use_directory_urls:
        return f"{options.section}/{slug}/"
    return f"{options.section}/{slug}.html"


# -- workers (top level, so a process pool can pickle them) --------------------------

# Per process: the registry, matcher and meeting reader the workers use, set by
# `_init_worker` (in each pool process, and in this one for the serial path).
_CONTEXT: dict = {}


def _init_worker(registry, lexicon, key: tuple, matcher=None) -> None:
    """`matcher`: the registry's, made already (in an early worker: `EarlyRead.knowledge`)."""
    if _CONTEXT.get("key") == key:
        return
    _CONTEXT.clear()
    _CONTEXT["key"] = key
    if registry is None:
        return
    if matcher is None or matcher.registry is not registry:
        from .entities import Matcher

        matcher = Matcher(registry)
    _CONTEXT["matcher"] = matcher
    if lexicon is not None:
        from .meetings import make_reader

        _CONTEXT["reader"] = make_reader(registry, matcher, lexicon)


def shared_matcher(registry: Registry | None):
    """The `Matcher` of `registry` this process already made (to read or group the
    articles of a build), or None: whoever needs one then makes it."""
    key = _CONTEXT.get("key")
    if registry is None or key is None or key[0] != registry.fingerprint():
        return None
    return _CONTEXT.get("matcher")


def _ingest_one(job: tuple[SeedFile, str, bytes]) -> Document | str:
    seed, art_id, data = job
    try:
        return ingest(seed, art_id, data)
    except SkipSeed as exc:
        return str(exc)


def _read_one(article: Article) -> Reading | None:
    matcher = _CONTEXT.get("matcher")
    if matcher is None:
        return None
    mentions, firsts = find_mentions(article, matcher)
    reader = _CONTEXT.get("reader")
    reports: tuple = ()
    if reader is not None:
        from .meetings import read_reports

        reports = read_reports(article, reader)
    return Reading(mentions, firsts, reports)


def _clean_one(job: tuple[Document | Article, str | None, dict[str, int]]) -> tuple[Article, Reading | None]:
    """Clean a document (or take an article already cleaned) and read it."""
    doc, extra, recurring = job
    if isinstance(doc, Article):
        art = doc
    else:
        from .clean import clean

        art = clean(doc, load_rules(extra), recurring)
    return art, _read_one(art)


class _Workers:
    """One process pool for the whole build, started when a batch first needs it.

    Forked workers inherit what this process has made before (`_ready`): the
    matcher, the meeting reader and the cleaner's models, lists and compiled patterns
    (`prepare` may have made them already, while the seeds were decoded). Spawned
    workers (`mkdocs serve`, once it runs threads) make their own in their
    initializer."""

    def __init__(self, workers: int, registry, lexicon, key: tuple, rules: Rules) -> None:
        self.workers = workers
        self.initargs = (registry, lexicon, key)
        self.rules = rules
        self.pool: ProcessPoolExecutor | None = None
        self.ready = False

    def _ready(self, cleaner: bool) -> None:
        _init_worker(*self.initargs)
        if cleaner and not self.ready:
            from .clean import warm_up

            warm_up(self.rules)
            self.ready = True

    def map(self, fn: Callable, jobs: list, *, cleaner: bool = True) -> list:
        """`fn` over `jobs`, in order. `cleaner`: the jobs clean documents, or those of
        the next batch will, on the same pool (its workers are forked once)."""
        if self.workers <= 1 or len(jobs) < POOL_MIN_SEEDS:
            _init_worker(*self.initargs)
            return [fn(j) for j in jobs]
        if self.pool is None:
            context = pool_context()
            if context.get_start_method() == "fork":
                self._ready(cleaner)  # (grouping the meetings in this process uses them too)
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                            initializer=_init_worker, initargs=self.initargs)
        chunk = max(1, len(jobs) // (self.workers * 8))
        return list(self.pool.map(fn, jobs, chunksize=chunk))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None


def pool_context():
    """'fork' (cheap: workers share what is loaded) while this process has one thread;
    'spawn' once it has more (`mkdocs serve`'s server), where forking is unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def _fingerprint(obj) -> str:
    """A dataclass's fields, hashed (not its cached properties, which fill in with use).
    Stable within a process, which is all the cache needs."""
    if obj is None:
        return ""
    values = tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
    return hashlib.sha256(pickle.dumps(values, protocol=5)).hexdigest()


class EarlyRead:
    """The seeds of a build, found and read, and decoded by worker processes started
    before the build needs them (`start_reading`): the MkDocs plugin starts them in
    `on_config`, so that they decode while it loads the rules, the lexicons and the
    registry, and `prepare`s what the cleaning workers will share. `build_briefing`
    takes the result (`early=`) and stops the workers."""

    def __init__(self, where: tuple, scan: tuple, executor: ProcessPoolExecutor | None, results,
                 forked: bool = False, knowledge: Future | None = None) -> None:
        self.where = where
        self.forked = forked  # the workers were forked: so will the build's be (its threads gone)
        self.scan = scan
        self._executor = executor
        self._results = results
        self._decoded: dict | None = None
        self._knowledge = knowledge

    def knowledge(self) -> tuple | None:
        """(registry, matcher) as the `load` given to `start_reading` made them in a
        worker, with what it logged and warned replayed here (`_replay`); None when no
        worker made them or one failed (then the caller loads them itself, which raises
        the same error as a load here always did). Taken once."""
        future, self._knowledge = self._knowledge, None
        if future is None:
            return None
        try:
            registry, matcher, records, caught = future.result()
        except Exception:  # noqa: BLE001  (a load that fails is redone here, where it raises)
            return None
        _replay(records, caught)
        return registry, matcher

    @property
    def decoding(self) -> bool:
        """True when workers decode the seeds (a pool pays for enough seeds only)."""
        return self._executor is not None or self._decoded is not None

    def decoded(self) -> dict:
        """Seed key -> Document (or the reason it was skipped), once the workers are done."""
        if self._decoded is None:
            keys = [key for _, key, _ in self.scan[2]]
            self._decoded = dict(zip(keys, self._results)) if self._executor is not None else {}
            self.close()
        return self._decoded

    def close(self) -> None:
        self._knowledge = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _where(seeds_dir, options: Options, display_root) -> tuple:
    """What a scan of the seeds depends on (`EarlyRead.where`)."""
    return (os.fspath(seeds_dir), options, None if display_root is None else os.fspath(display_root))


def start_reading(seeds_dir: str | os.PathLike, options: Options = Options(),
                  display_root: str | os.PathLike | None = None,
                  knowledge: tuple[Callable, tuple] | None = None) -> EarlyRead:
    """Find and read the seeds under `seeds_dir`, and start decoding them in worker
    processes when there are enough for a pool to pay (`POOL_MIN_SEEDS`). For a
    build with no cache: pass the result to `build_briefing` as `early`.

    `knowledge`: (load, args), a top-level function that returns the build's registry
    (`site.load_registry_for`). With forked workers, one of them calls it first, makes
    the registry's matcher and sends both back (`EarlyRead.knowledge`): loading and
    compiling them costs about ten times what unpickling them does, and this process
    meanwhile loads the rules and warms up the cleaner (`warm_up`)."""
    where = _where(seeds_dir, options, display_root)
    scan = _scan(seeds_dir, options, display_root)
    workers = options.workers or default_workers()
    if workers <= 1 or len(scan[2]) < POOL_MIN_SEEDS:
        return EarlyRead(where, scan, None, None)
    context = pool_context()
    forked = context.get_start_method() == "fork"
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    # submitted before the seeds, so that a worker takes it first; a spawned worker would
    # import the package first, which costs more than the load saves here
    future = executor.submit(_early_knowledge, *knowledge) if knowledge is not None and forked else None
    jobs = [(seed, key[1], data) for seed, key, data in scan[2]]
    results = executor.map(_decode_early, jobs, chunksize=max(1, len(jobs) // (workers * 8)))  # submitted now
    return EarlyRead(where, scan, executor, results, forked=forked, knowledge=future)


_NICED = False  # this process gave way (`_yield_cpu`)


def _decode_early(job: tuple[SeedFile, str, bytes]) -> Document | str:
    _yield_cpu()
    return _ingest_one(job)


def _yield_cpu() -> None:
    """An early worker gives way to the build's own process, whose loading is the
    longer chain: the seeds are decoded on the cores it leaves. (Once per process, at
    its first seed: the registry, loaded first, is part of that chain.)"""
    global _NICED
    if _NICED:
        return
    _NICED = True
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.records and self.records[-1] is record:
            return  # met again on its way up ("mkdocs", then the root logger)
        # formatted here: the arguments and traceback need not pickle
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _early_knowledge(load: Callable, args: tuple) -> tuple:
    """In an early worker: the registry `load(*args)` returns, its matcher, and what the
    load logged (to the root logger or MkDocs' "mkdocs" logger, kept from their
    handlers here) and warned, for `_replay` in the build's process, where MkDocs
    counts warnings (`--strict`)."""
    from .entities import Matcher

    keep = _Keep()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    saved = [lg.handlers[:] for lg in loggers]
    for lg in loggers:
        lg.handlers[:] = [keep]
    collecting = gc.isenabled()
    gc.disable()  # what is made here lives until it is sent: no collection would free any of it
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # every one: the build's filters decide in `_replay`
            registry = load(*args)
            matcher = Matcher(registry) if registry is not None else None
    finally:
        gc.freeze()  # (the load's caches, which live on in this worker, are not walked when it decodes)
        if collecting:
            gc.enable()
        for lg, handlers in zip(loggers, saved):
            lg.handlers[:] = handlers
    return registry, matcher, keep.records, [(str(w.message), w.category, w.filename, w.lineno) for w in caught]


def _replay(records: list[logging.LogRecord], caught: list[tuple]) -> None:
    """Log and warn here what an early worker's load logged and warned, in order within
    each kind, as if it had happened here."""
    for record in records:
        logging.getLogger(record.name).handle(record)
    for message, category, filename, lineno in caught:
        warnings.warn_explicit(message, category, filename, lineno)


def prepare(registry: Registry | None, rules: Rules, matcher=None) -> None:
    """Make in this process what a build's forked workers share: the matcher and
    meeting reader of `registry` (`share_registry`) and the cleaner's models, lists and
    compiled patterns (`warm_up`). The plugin does the two while the seeds are being
    decoded (`start_reading`), the second first; otherwise the build does them just
    before it forks."""
    share_registry(registry, matcher)
    warm_up(rules)


def share_registry(registry: Registry | None, matcher=None) -> None:
    """The registry's part of `prepare`: its matcher (`matcher`: made already, by
    `EarlyRead.knowledge`) and meeting reader."""
    lexicon = _lexicon_for(registry)
    _init_worker(registry, lexicon, _knowledge(registry, lexicon), matcher)


def warm_up(rules: Rules) -> None:
    """The cleaner's part of `prepare` (`clean.warm_up`), which needs no registry: the
    plugin does it first, while an early worker loads the registry."""
    from .clean import warm_up as warm

    warm(rules)


def _lexicon_for(registry: Registry | None):
    if registry is None:
        return None
    from .meetings import load_lexicon

    return load_lexicon()


def _knowledge(registry: Registry | None, lexicon) -> tuple:
    """What an article's reading depends on besides the article."""
    return (registry.fingerprint() if registry is not None else "", _fingerprint(lexicon))


def build_briefing(
    seeds_dir: str | os.PathLike,
    *,
    options: Options = Options(),
    display_root: str | os.PathLike | None = None,
    cache: Cache | None = None,
    registry: Registry | None = None,
    progress: Callable[[str], None] | None = None,
    early: EarlyRead | None = None,
) -> Briefing:
    """Read every seed under `seeds_dir` and return the briefing. Problems (skipped or
    altered files) are returned, never raised; a broken data file raises. `early`:
    the seeds as `start_reading` found and decoded them (for these very `seeds_dir`,
    `options` and `display_root`; otherwise they are read again)."""
    try:
        return _briefing(seeds_dir, options, display_root, cache, registry, progress, early)
    finally:
        if early is not None:
            early.close()


def _briefing(seeds_dir, options: Options, display_root, cache: Cache | None, registry,
              progress: Callable[[str], None] | None, early: EarlyRead | None) -> Briefing:
    cache = cache if cache is not None else Cache()
    say = progress or (lambda message: None)
    t0 = time.perf_counter()
    if early is not None and early.where != _where(seeds_dir, options, display_root):
        early.close()
        early = None
    scan = early.scan if early is not None else _scan(seeds_dir, options, display_root)
    keys = [key for _, key, _ in scan[2]]
    corpus = _corpus_digest(keys, scan[1], registry, options)
    hit = cache.briefings.get(corpus)
    if hit is not None:
        n = len(keys)
        cache.documents = {k: v for k, v in cache.documents.items() if k in set(keys)}
        say(f"read {scan[0]} seed file(s): all {n} unchanged, the briefing from the cache "
            f"({time.perf_counter() - t0:.2f} s)")
        return dataclasses.replace(hit, registry=registry, options=options)
    rules: Rules = load_rules(options.extra_boilerplate)
    workers = options.workers or default_workers()
    lexicon = _lexicon_for(registry)
    knowledge = _knowledge(registry, lexicon)
    pool = _Workers(workers, registry, lexicon, knowledge, rules)
    with contextlib.closing(pool):
        b = _build(scan, options, cache, registry, lexicon, knowledge, rules, pool, say, t0, early)
    cache.briefings = {corpus: dataclasses.replace(b, registry=None)}
    return b


def _scan(seeds_dir, options: Options, display_root) -> tuple[int, list[Problem], list[tuple]]:
    """The seed files found (count), the problems met, and (seed, key, bytes) of each
    seed read: the key is the content hash, the article id and the displayed path."""
    seeds, problems = find_seeds(seeds_dir, display_root, options.extensions)
    problems = list(problems)
    ids = seed_ids([s.rel for s in seeds])
    reads = []
    for seed in seeds:
        try:
            data = read_bytes(seed)
        except SkipSeed as exc:
            problems.append(Problem(seed.display, f"skipped: {exc}"))
            continue
        reads.append((seed, (hashlib.sha256(data).hexdigest(), ids[seed.rel], seed.display), data))
    return len(seeds), problems, reads


def _corpus_digest(keys: list, problems: list[Problem], registry, options: Options) -> str:
    """Everything a briefing is made from, in this process: the seeds (content, id,
    path), the problems met finding and reading them, the registry, the user's
    boilerplate file and the options that change the result. (The package's own rules
    and lexicons do not change within a process; on disk, the cache key covers them.)"""
    extra = b""
    if options.extra_boilerplate:
        try:
            with open(options.extra_boilerplate, "rb") as fh:
                extra = fh.read()
        except OSError:
            extra = b"\0unreadable"
    payload = (keys, [str(p) for p in problems], registry.fingerprint() if registry is not None else None,
               hashlib.sha256(extra).hexdigest(), options.boilerplate_min_seeds, tuple(options.extensions))
    return hashlib.sha256(pickle.dumps(payload, protocol=4)).hexdigest()


def _build(scan: tuple, options: Options, cache: Cache, registry, lexicon, knowledge: tuple,
           rules: Rules, pool: _Workers, say: Callable[[str], None], t0: float,
           early: EarlyRead | None) -> Briefing:
    n_seeds, problems, reads = scan
    problems = list(problems)
    # The cleaner is loaded here, before the workers fork, so that they share it (a
    # build whose briefing comes from the cache never gets here, nor loads it).
    from . import clean  # noqa: F401
    cache.unpack()
    cache.knowledge = knowledge

    # 1. ingest, cached by content hash (the bytes are read every time: that is cheap).
    docs: list[Document] = []
    jobs, keys = [], []
    for seed, key, data in reads:
        keys.append(key)
        if key not in cache.documents:
            jobs.append((key, (seed, key[1], data)))
    if jobs:
        decoded = early.decoded() if early is not None and early.decoding else {}
        if all(key in decoded for key, _ in jobs):
            results = [decoded[key] for key, _ in jobs]
        else:
            results = pool.map(_ingest_one, [j for _, j in jobs])
        for (key, _), result in zip(jobs, results):
            cache.documents[key] = result
            cache.work["ingest"] += 1
    for key in keys:
        result = cache.documents[key]
        display = key[2]
        if isinstance(result, str):
            problems.append(Problem(display, f"skipped: {result}"))
        else:
            docs.append(result)
            problems.extend(result.problems)
    say(f"read {n_seeds} seed file(s): {len(jobs)} decoded, {len(keys) - len(jobs)} from the cache "
        f"({time.perf_counter() - t0:.2f} s)")

    # 2. corpus evidence, then clean and read each article (mentions, meeting reports):
    #    cleaned articles cached by content + evidence + rules, readings by that key
    #    plus the registry and lexicons.
    t1 = time.perf_counter()
    from .families import describe, find_families

    grouping = find_families({d.id: d.text for d in docs})
    t_families = time.perf_counter() - t1
    recurring = recurring_lines({d.id: d.text for d in docs}, options.boilerplate_min_seeds, grouping)
    art_keys, read_keys, clean_jobs = [], [], []
    for d in docs:
        rec = recurring.get(d.id, {})
        key = (d.sha256, d.id, d.source_path, rules.fingerprint, fingerprint(rec))
        art_keys.append(key)
        read_keys.append((key, knowledge))
        if (key, knowledge) not in cache.readings and key in cache.stored_readings:
            cache.readings[(key, knowledge)] = cache.stored_readings[key]
        cached = cache.articles.get(key)
        if cached is None or (key, knowledge) not in cache.readings:
            clean_jobs.append((key, (cached if cached is not None else d, options.extra_boilerplate, rec)))
    cleaned = 0
    if clean_jobs:
        results = pool.map(_clean_one, [j for _, j in clean_jobs],
                           cleaner=any(not isinstance(job[0], Article) for _, job in clean_jobs))
        for (key, job), (art, reading) in zip(clean_jobs, results):
            if not isinstance(job[0], Article):
                cache.articles[key] = art
                cache.work["clean"] += 1
                cleaned += 1
            cache.readings[(key, knowledge)] = reading
            cache.work["read"] += 1
    articles = [cache.articles[k] for k in art_keys]
    readings = [cache.readings[k] for k in read_keys]
    say(f"cleaned {cleaned} and read {len(clean_jobs)} of {len(docs)} article(s), the rest from the cache "
        f"({time.perf_counter() - t1:.2f} s)")

    families = describe(grouping, articles)
    copies = sum(f.size - 1 for f in families)
    say(f"{len(families)} story famil{'y' if len(families) == 1 else 'ies'}, {copies} cop{'y' if copies == 1 else 'ies'} "
        f"of another article ({t_families:.2f} s)")

    for a in articles:
        if not a.kept():
            problems.append(Problem(a.source_path, "every line was dropped as boilerplate; the page shows only the audit trail"))

    # 3. corpus-wide: entity mentions gathered, meeting reports grouped (the grouping
    #    cached by the keys of every article, in order, plus the registry and lexicons).
    t2 = time.perf_counter()
    mentions: dict = {}
    firsts: dict = {}
    meetings: tuple = ()
    corpus_key = (hashlib.sha256(pickle.dumps(art_keys, protocol=4)).hexdigest(), knowledge)
    if registry is not None:
        for a, r in zip(articles, readings):
            mentions[a.id], firsts[a.id] = r.mentions, r.first_mentions
        if lexicon is not None:
            if corpus_key not in cache.meetings and corpus_key[0] in cache.stored_meetings:
                cache.meetings[corpus_key] = cache.stored_meetings[corpus_key[0]]
            hit = cache.meetings.get(corpus_key)
            if hit is not None:
                meetings = hit
            else:
                from .meetings import meetings_from_reports

                # this process's reader, as a serial build's workers made it (with a pool,
                # made here, where `shared_matcher` finds it for linking the pages)
                _init_worker(registry, lexicon, knowledge)
                reader = _CONTEXT["reader"]
                meetings = tuple(meetings_from_reports((r.reports for r in readings), reader, families))
                cache.meetings[corpus_key] = meetings
                cache.groupings += 1
            say(f"{len(meetings)} meeting(s) {'from the cache' if hit is not None else 'grouped'} "
                f"from {len(articles)} article(s) ({time.perf_counter() - t2:.2f} s)")
    cache.prune(set(keys), set(art_keys), set(read_keys), {corpus_key})

    key = hashlib.sha256(pickle.dumps(
        (art_keys, [str(p) for p in problems], registry.fingerprint() if registry is not None else "",
         lexicon is not None), protocol=4)).hexdigest()
    return Briefing(articles=tuple(articles), problems=tuple(problems), mentions=mentions, first_mentions=firsts,
                    meetings=meetings, families=families, registry=registry, options=options, key=key)


def find_mentions(article: Article, matcher) -> tuple[dict[str, int], dict[str, tuple[int, str]]]:
    """Mentions of each entity in the article's title, metadata and kept text, and the
    line and context of the first one."""
    counts: dict[str, int] = {}
    firsts: dict[str, tuple[int, str]] = {}
    for ln in article.lines:
        if ln.role not in ("title", "body", "heading", "meta"):
            continue
        text = ln.clean or ln.text
        for m in matcher.find(text):
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
            if m.entity_id not in firsts:
                firsts[m.entity_id] = (ln.n, snippet(text, m.start, m.end))
    return counts, firsts


def snippet(text: str, start: int, end: int, width: int = 70) -> str:
    """Words around text[start:end], at most about `width` characters on each side."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    if start > width and " " in left:
        left = "…" + left.split(" ", 1)[1]
    if end + width < len(text) and " " in right:
        right = right.rsplit(" ", 1)[0] + "…"
    return (left + text[start:end] + right).strip()


def sort_newest_first(articles) -> list[Article]:
    """Newest first; undated articles last, by title."""
    dated = sorted((a for a in articles if a.meta.published), key=lambda a: a.meta.published[:19], reverse=True)
    undated = sorted((a for a in articles if not a.meta.published), key=lambda a: (a.title.casefold(), a.id))
    return dated + undated

