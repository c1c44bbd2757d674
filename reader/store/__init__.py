"""SQLite storage through sqlite-utils: schema, migrations, queries, full-text search."""

from reader.store.library import Library

__all__ = ["Library"]
