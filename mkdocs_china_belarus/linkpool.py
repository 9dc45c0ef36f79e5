"""Linking in worker processes while the caller goes on with other work (MkDocs
converting the next pages). Nothing heavy is imported here: the workers import
`linking` (and BeautifulSoup) themselves, so the main process of a build that links in
the background never does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .entities import Matcher, Registry

# Per worker process: the matcher and the entity page URLs (set by `_init_linker`).
_LINKER: dict = {}


def _init_linker(registry: Registry, entity_urls: dict[str, str], relative: Callable[[str, str], str],
                 mode: str, matcher: Matcher | None = None) -> None:
    from . import linking  # BeautifulSoup and the fast path, imported in the worker

    if matcher is None:
        from .entities import Matcher

        matcher = Matcher(registry)
    _LINKER.update(matcher=matcher, registry=registry, urls=entity_urls, relative=relative, mode=mode,
                   link=linking.link_entities)


def _link_job(html: str, page_url: str, skip: str | None) -> str:
    urls, relative = _LINKER["urls"], _LINKER["relative"]

    def url_for(eid: str) -> str | None:
        url = urls.get(eid)
        return relative(url, page_url) if url is not None else None

    return _LINKER["link"](html, _LINKER["matcher"], _LINKER["registry"], url_for, mode=_LINKER["mode"],
                           skip=skip)[0]


class BackgroundLinker:
    """Links pages in worker processes while the caller goes on with other work (MkDocs
    converting the next pages): `submit` each page, then `result` for each. The output
    is `linking.link_entities` with `url_for(eid) = relative(entity_urls[eid], page_url)`,
    the same as linking in this process (an unknown `mode` is its ValueError, from `result`).

    `matcher`: a `Matcher` of `registry` the caller already has (with forked workers
    it costs nothing to hand over; with spawned ones it is pickled); else each worker
    makes its own. The workers start, and import what linking needs, as soon as the
    linker is made."""

    def __init__(self, registry: Registry, entity_urls: dict[str, str], relative: Callable[[str, str], str], *,
                 mode: str = "first", workers: int = 1, mp_context=None, matcher: Matcher | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context, initializer=_init_linker,
                                         initargs=(registry, dict(entity_urls), relative, mode, matcher))
        self._jobs: dict = {}

    def start(self) -> None:
        """Start the workers now (they would start at the first `submit`)."""
        self._pool.submit(int)  # a job that does nothing: the pool starts its workers for it

    def submit(self, key, html: str, page_url: str, skip: str | None = None) -> None:
        self._jobs[key] = self._pool.submit(_link_job, html, page_url, skip)

    def keys(self) -> list:
        return list(self._jobs)

    def result(self, key) -> str:
        return self._jobs.pop(key).result()

    def close(self) -> None:
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
