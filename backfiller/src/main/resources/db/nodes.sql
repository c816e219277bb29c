-- The peers a backfiller copies from (docs/backfill.md §5.1). Applied by `wubloader nodes init`; idempotent.
CREATE TABLE IF NOT EXISTS nodes (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    backfill_from BOOLEAN NOT NULL DEFAULT TRUE
);
