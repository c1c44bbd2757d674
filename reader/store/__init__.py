"""The store: one SQLite file, opened through :class:`~reader.store.library.Library`.

The library talks to the standard ``sqlite3`` module directly; sqlite-utils is used
only to apply schema migrations (:mod:`reader.store.schema`).  Full-text search is
SQLite's FTS5.  Also here: the lossless JSON dump (:mod:`reader.store.dump`) and its
merge (:mod:`reader.store.dump_merge`), backups (:mod:`reader.store.backup`), where
files live (:mod:`reader.store.paths`) and the import path from raw input to stored
article (:mod:`reader.store.ingest`).
"""

from reader.store.library import Library

__all__ = ["Library"]
