"""`mkdocs serve`: the seeds folder is watched, and a rebuild re-cleans only what changed."""

from __future__ import annotations

import socket
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from conftest import page_html, write_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_watches_seeds_and_rebuild_recleans_only_the_changed_seed(tmp_path):
    seeds = {f"s{i}.txt": f"Headline number {i}\n\nText of article {i} about Minsk and Beijing." for i in range(4)}
    cfg_path = write_project(tmp_path, seeds=seeds)
    cfg = load_config(str(cfg_path))
    cfg.plugins.on_startup(command="serve", dirty=False)
    plugin = cfg.plugins["china-belarus"]
    site = tmp_path / "site"

    def builder() -> None:
        build(cfg, serve_url="http://127.0.0.1/")

    builder()
    assert plugin.cache.work == {"ingest": 4, "clean": 4, "read": 4}
    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=_free_port(), root=str(site),
                              polling_interval=0.1)
    cfg.plugins.on_serve(server, config=cfg, builder=builder)
    assert str(tmp_path / "seeds") in server._watched_paths
    server.observer.start()
    try:
        time.sleep(0.3)
        (tmp_path / "seeds" / "s2.txt").write_text("A new headline\n\nEdited text about Minsk.", encoding="utf-8")
        deadline = time.monotonic() + 15
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server._want_rebuild, "editing a seed must trigger a rebuild"
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
    builder()
    assert plugin.cache.work == {"ingest": 5, "clean": 5, "read": 5}, "only the edited seed is read and cleaned again"
    assert "A new headline" in page_html(site, "sources/s2/")
    builder()
    assert plugin.cache.work == {"ingest": 5, "clean": 5, "read": 5}, "an unchanged corpus costs no cleaning"
    cfg.plugins.on_shutdown()
