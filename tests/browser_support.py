"""What the browser tests share: Debian's Chromium, the skip when it or Playwright is
missing, a quiet local HTTP server for a built site, and the screenshot folder."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def why_no_browser() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"Chromium is not installed ({CHROMIUM} not found; .ci/run installs Debian's chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - playwright is in the test extra
        return f"Playwright for Python is not installed: {exc}"
    return None


needs_browser = pytest.mark.skipif(why_no_browser() is not None, reason=why_no_browser() or "")


def artifacts_dir() -> Path:
    path = Path(os.environ.get("CB_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, threading.Thread, str]:
    """A server for the built site on a free local port: (server, its thread, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_address[1]}/"
