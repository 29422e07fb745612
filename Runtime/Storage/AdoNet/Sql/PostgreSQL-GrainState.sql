-- Grain state with epoch fencing, PostgreSQL dialect (read by AdoNetGrainStorage; DESIGN.md "Runtime rules").
-- Unlike Orleans' OrleansStorage table (non-unique index, INSERT ... WHERE NOT EXISTS, which lets two concurrent first
-- writes both succeed under READ COMMITTED), the grain id is the primary key and ownership is an ON CONFLICT upsert.

-- migration: 1
CREATE TABLE IF NOT EXISTS grain_state (
    grain_id   text        NOT NULL PRIMARY KEY, -- GrainId.ToString(): "kind/key"
    epoch      bigint      NOT NULL,             -- fencing token, bumped by every TakeOwnership
    owner      text        NOT NULL,             -- the activation (silo) that took it last, for operators
    version    bigint      NOT NULL,             -- number of writes and clears so far
    data       bytea       NULL,                 -- NULL = no state
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- query: TakeOwnership
-- One statement: the row lock of the upsert orders it against in-flight writes of the previous owner, and the state
-- returned is the one committed under the old epoch.
INSERT INTO grain_state AS g (grain_id, epoch, owner, version, data, updated_at)
VALUES (@grain_id, 1, @owner, 0, NULL, now())
ON CONFLICT (grain_id) DO UPDATE SET epoch = g.epoch + 1, owner = excluded.owner, updated_at = excluded.updated_at
RETURNING epoch, version, data;

-- query: WriteState
UPDATE grain_state SET data = @data, version = version + 1, updated_at = now()
WHERE grain_id = @grain_id AND epoch = @epoch;

-- query: ClearState
UPDATE grain_state SET data = NULL, version = version + 1, updated_at = now()
WHERE grain_id = @grain_id AND epoch = @epoch;
