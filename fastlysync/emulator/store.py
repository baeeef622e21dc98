"""Where the emulator keeps account state: one interface, in memory or in SQLite.

State is a set of tables of JSON-like values keyed by tuples of strings; a table is always
scanned by every key part but the last (the objects of one kind in one version, the items of
one dictionary). Values are treated as immutable: callers put new dicts, never edit old ones.

Every mutating request runs in `transaction()`: on an exception its writes are undone, and
the SQLite store commits the request's writes in one SQLite transaction, so a crash part-way
through a request leaves the file as it was before the request.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

Key = tuple[str, ...]
_UPSERT = ("INSERT INTO kv (tbl, prefix, name, value) VALUES (?, ?, ?, ?)"
           " ON CONFLICT (tbl, prefix, name) DO UPDATE SET value = excluded.value")
_MISSING = object()


class Store(Protocol):
    def get(self, table: str, key: Key) -> Any | None: ...
    def put(self, table: str, key: Key, value: Any) -> None: ...
    def delete(self, table: str, key: Key) -> None: ...
    def scan(self, table: str, prefix: Key) -> list[tuple[str, Any]]: ...
    def transaction(self) -> Any: ...
    def clear(self, keep: tuple[str, ...] = ()) -> None: ...
    def close(self) -> None: ...


class MemoryStore:
    """Nested dicts: table -> key prefix -> last key part -> value (insertion ordered)."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[Key, dict[str, Any]]] = {}
        self._undo: list[tuple[str, Key, Any]] | None = None
        self._lock = threading.RLock()

    # reads
    def get(self, table: str, key: Key) -> Any | None:
        bucket = self._tables.get(table, {}).get(key[:-1])
        return None if bucket is None else bucket.get(key[-1])

    def scan(self, table: str, prefix: Key) -> list[tuple[str, Any]]:
        bucket = self._tables.get(table, {}).get(prefix)
        return list(bucket.items()) if bucket else []

    # writes
    def put(self, table: str, key: Key, value: Any) -> None:
        bucket = self._tables.setdefault(table, {}).setdefault(key[:-1], {})
        self._remember(table, key, bucket.get(key[-1], _MISSING))
        bucket[key[-1]] = value

    def delete(self, table: str, key: Key) -> None:
        bucket = self._tables.get(table, {}).get(key[:-1])
        if bucket is None or key[-1] not in bucket:
            return
        self._remember(table, key, bucket[key[-1]])
        del bucket[key[-1]]

    def _remember(self, table: str, key: Key, old: Any) -> None:
        if self._undo is not None:
            self._undo.append((table, key, old))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Undo this block's writes if it raises. Not re-entrant across threads."""
        with self._lock:
            if self._undo is not None:  # nested: the outer block owns the journal
                yield
                return
            self._undo = []
            try:
                yield
                self._commit(self._undo)
            except BaseException:
                self._rollback(self._undo)
                raise
            finally:
                self._undo = None

    def _commit(self, journal: list[tuple[str, Key, Any]]) -> None:
        """Memory needs nothing; the SQLite store persists the journal's keys here."""

    def _rollback(self, journal: list[tuple[str, Key, Any]]) -> None:
        undo, self._undo = journal, None
        for table, key, old in reversed(undo):
            bucket = self._tables.setdefault(table, {}).setdefault(key[:-1], {})
            if old is _MISSING:
                bucket.pop(key[-1], None)
            else:
                bucket[key[-1]] = old

    def clear(self, keep: tuple[str, ...] = ()) -> None:
        with self._lock:
            for table in list(self._tables):
                if table not in keep:
                    del self._tables[table]

    def close(self) -> None:
        pass

    def tables(self) -> Iterator[tuple[str, Key, Any]]:
        for table, buckets in self._tables.items():
            for prefix, bucket in buckets.items():
                for last, value in bucket.items():
                    yield table, (*prefix, last), value


class SqliteStore(MemoryStore):
    """The memory store, loaded from and written through to a SQLite file.

    Reads never touch the disk; each transaction's writes go to SQLite in one commit, in
    the order they happened (row order is insertion order, so lists keep their order across
    restarts).
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        private(self.path)
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS kv (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " tbl TEXT NOT NULL, prefix TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,"
            " UNIQUE (tbl, prefix, name))")
        self._load()

    def _load(self) -> None:
        rows = self._conn.execute("SELECT tbl, prefix, name, value FROM kv ORDER BY seq")
        for table, prefix, name, value in rows:
            key = (*json.loads(prefix), name)
            super().put(table, key, json.loads(value))

    def _commit(self, journal: list[tuple[str, Key, Any]]) -> None:
        if not journal:
            return
        seen: dict[tuple[str, Key], None] = {}
        for table, key, _old in journal:
            seen[(table, key)] = None
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table, key in seen:
                prefix = json.dumps(list(key[:-1]))
                value = self.get(table, key)
                if value is None:
                    conn.execute("DELETE FROM kv WHERE tbl=? AND prefix=? AND name=?",
                                 (table, prefix, key[-1]))
                else:
                    conn.execute(_UPSERT, (table, prefix, key[-1], json.dumps(value)))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def clear(self, keep: tuple[str, ...] = ()) -> None:
        with self._lock:
            super().clear(keep)
            marks = ",".join("?" * len(keep))
            where = f"WHERE tbl NOT IN ({marks})" if keep else ""
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(f"DELETE FROM kv {where}", keep)
            self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()


def private(path: Path) -> None:
    """Create `path` readable by its owner only (it holds every account's tokens and
    secrets), or make an existing one so; SQLite gives its journal the same mode."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def open_store(path: str | Path | None) -> MemoryStore:
    return SqliteStore(path) if path else MemoryStore()
