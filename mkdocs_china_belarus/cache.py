"""The briefing's cache on disk (`.cache/plugin/china-belarus/` beside mkdocs.yml, as
Material's plugins keep theirs), so that a second `mkdocs build` of an unchanged
project neither reads, cleans nor re-reads any article.

One file, `briefing.pickle`, holds what `briefing.Cache` holds in memory: decoded
documents and cleaned articles (keyed by content hash and corpus evidence), each
article's reading (entity mentions, meeting reports), the grouped meetings, the whole
briefing, and the plugin's generated pages, linked pages and converted comparison
page. The file is only used under a key that covers everything else the result
depends on:

- the package version and a hash of every file of the installed package (its code
  and all of `data/`, whatever is there: registry, boilerplate, lexicons, a model
  file added later), so a new release or a new data file invalidates it;
- the content of the user's registry and boilerplate files, and the options that
  change the result.

Layout: a magic line, a JSON header line (format, key, payload length and SHA-256),
then the pickled payload. A file that is foreign, truncated, corrupt, of another
format or another key is ignored (and rewritten after the build), never trusted and
never a crash. Writes go to a temporary file in the same folder, then `os.replace`:
two builds running at once each write a whole file, and the last one wins.

The payload is a pickle: the checks above catch damage and files of other tools or
versions, not a file forged on purpose, so the cache folder is as trusted as the
project folder it sits in (whoever can write there can also write mkdocs.yml hooks).

No MkDocs import here: the CLI or any other caller can use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import __version__

FORMAT = 1
MAGIC = b"mkdocs-china-belarus cache\n"
FILE_NAME = "briefing.pickle"
PACKAGE_DIR = Path(__file__).resolve().parent
_PACKAGE_HASH: dict[str, tuple[list, str]] = {}


def _hash_file(h, path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        data = b"\0unreadable"
    h.update(len(data).to_bytes(8, "big"))
    h.update(data)


def package_fingerprint(root: Path = PACKAGE_DIR) -> str:
    """SHA-256 over every file of the package (code and `data/`, recursively, in path
    order; `__pycache__` left out). Re-hashed only when a file's size or modification
    time changed since the last call."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    stamp = []
    for path in files:
        try:
            st = path.stat()
            stamp.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            stamp.append((str(path), -1, -1))
    memo = _PACKAGE_HASH.get(str(root))
    if memo is not None and memo[0] == stamp:
        return memo[1]
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        _hash_file(h, path)
    digest = h.hexdigest()
    _PACKAGE_HASH[str(root)] = (stamp, digest)
    return digest


def cache_key(files: Iterable[str | os.PathLike | None] = (), **options: object) -> str:
    """The key a cache file must carry to be used: the package version and files, the
    content of `files` (the user's registry and boilerplate; None is skipped) and the
    `options` that change the result."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{__version__}\0{package_fingerprint()}\0".encode())
    for f in files:
        if f is None:
            continue
        h.update(os.fsencode(f) + b"\0")
        _hash_file(h, Path(f))
    h.update(json.dumps(options, sort_keys=True, default=repr).encode())
    return h.hexdigest()


class DiskCache:
    """Load and save a payload (a dict) under `directory`, trusted only under `key`."""

    def __init__(self, directory: str | os.PathLike, key: str) -> None:
        self.directory = Path(directory)
        self.key = key
        self.path = self.directory / FILE_NAME
        self.problem: str | None = None  # why the last load found nothing usable

    def load(self) -> dict | None:
        """The payload, or None when there is no usable file (see `problem`)."""
        self.problem = None
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError:
            self.problem = "no cache file"
            return None
        except OSError as exc:
            self.problem = f"unreadable: {exc}"
            return None
        if not raw.startswith(MAGIC):
            self.problem = "not a cache file of this plugin"
            return None
        end = raw.find(b"\n", len(MAGIC))
        try:
            header = json.loads(raw[len(MAGIC):end]) if end != -1 else None
        except ValueError:
            header = None
        if not isinstance(header, dict):
            self.problem = "damaged header"
            return None
        if header.get("format") != FORMAT or header.get("key") != self.key:
            self.problem = "made by another version, or for other data or options"
            return None
        body = memoryview(raw)[end + 1:]
        if len(body) != header.get("length") or hashlib.sha256(body).hexdigest() != header.get("sha256"):
            self.problem = "truncated or corrupt"
            return None
        try:
            payload = pickle.loads(body)
        except Exception as exc:  # noqa: BLE001  (a file that passed the checksum but does not unpickle here)
            self.problem = f"unreadable payload: {type(exc).__name__}"
            return None
        if not isinstance(payload, dict):
            self.problem = "unexpected payload"
            return None
        return payload

    def has_key(self) -> bool:
        """Whether the file on disk was written under this key (its header only is
        read: cheap; the payload is checked by `load`)."""
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(len(MAGIC))
                line = fh.readline(4096)
        except OSError:
            return False
        if head != MAGIC:
            return False
        try:
            header = json.loads(line)
        except ValueError:
            return False
        return isinstance(header, dict) and header.get("format") == FORMAT and header.get("key") == self.key

    def save(self, payload: dict) -> bool:
        """Write atomically; False (and `problem` set) when the folder is not writable."""
        body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        header = json.dumps({"format": FORMAT, "key": self.key, "version": __version__,
                             "length": len(body), "sha256": hashlib.sha256(body).hexdigest()})
        tmp = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC)
                fh.write(header.encode() + b"\n")
                fh.write(body)
            os.replace(tmp, self.path)
            tmp = None
            return True
        except OSError as exc:
            self.problem = f"not written: {exc}"
            return False
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
