"""Which notes make the same claim: the notes reached from one note through the links the
user confirmed (note to note, or both to the same fact-check), however many steps away.

Read-only, over the ``claim_links`` table that :mod:`reader.store.claims_memory` keeps.
"""

from __future__ import annotations

from reader.store._sql import Sql

# Links are followed both ways; UNION (not UNION ALL) drops a node already reached, so
# a cycle of links ends the recursion.
_LINKED = """
WITH RECURSIVE
edges(a_kind, a_ref, b_kind, b_ref) AS (
    SELECT 'note', note_id, target_kind, target_ref FROM claim_links
    UNION ALL
    SELECT target_kind, target_ref, 'note', note_id FROM claim_links
),
reach(kind, ref) AS (
    SELECT 'note', :n
    UNION
    SELECT e.b_kind, e.b_ref FROM reach r
        JOIN edges e ON e.a_kind = r.kind AND e.a_ref = r.ref
)
SELECT n.id FROM reach r
JOIN notes n ON r.kind = 'note' AND n.id = r.ref AND n.deleted_at IS NULL
JOIN articles a ON a.id = n.article_id AND a.deleted_at IS NULL
WHERE n.id != :n
ORDER BY a.title, n.start, n.id
"""


def linked_note_ids(sql: Sql, note_id: str) -> list[str]:
    """Live notes linked to ``note_id``'s claim, directly or through other links."""
    return [r[0] for r in sql.conn.execute(_LINKED, {"n": note_id})]
