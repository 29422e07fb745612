-- Grain state with epoch fencing, SQLite dialect (read by AdoNetGrainStorage; DESIGN.md "Runtime rules").
-- The grain id is the primary key and ownership is an ON CONFLICT upsert (SQLite >= 3.35 for RETURNING; the bundled
-- e_sqlite3 is newer). Times are unix milliseconds from the database clock.

-- migration: 1
CREATE TABLE IF NOT EXISTS grain_state (
    grain_id   TEXT    NOT NULL PRIMARY KEY, -- GrainId.ToString(): "kind/key"
    epoch      INTEGER NOT NULL,             -- fencing token, bumped by every TakeOwnership
    owner      TEXT    NOT NULL,             -- the activation (silo) that took it last, for operators
    version    INTEGER NOT NULL,             -- number of writes and clears so far
    data       BLOB    NULL,                 -- NULL = no state
    updated_at INTEGER NOT NULL
);

-- query: TakeOwnership
INSERT INTO grain_state (grain_id, epoch, owner, version, data, updated_at)
VALUES (@grain_id, 1, @owner, 0, NULL, CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER))
ON CONFLICT (grain_id) DO UPDATE SET epoch = epoch + 1, owner = excluded.owner, updated_at = excluded.updated_at
RETURNING epoch, version, data;

-- query: WriteState
UPDATE grain_state
SET data = @data, version = version + 1,
    updated_at = CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)
WHERE grain_id = @grain_id AND epoch = @epoch;

-- query: ClearState
UPDATE grain_state
SET data = NULL, version = version + 1,
    updated_at = CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)
WHERE grain_id = @grain_id AND epoch = @epoch;
