-- Grain journals (queue messages), SQLite dialect (read by AdoNetJournalStorage). The group-commit transaction is
-- BEGIN IMMEDIATE (the file's write lock), so the epochs read by FenceEpoch cannot change before COMMIT.

-- migration: 1
CREATE TABLE IF NOT EXISTS journal (
    stream_id      TEXT    NOT NULL,
    seq            INTEGER NOT NULL,
    delivery_count INTEGER NOT NULL,
    data           BLOB    NOT NULL,
    PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS journal_high_water (
    stream_id TEXT    NOT NULL PRIMARY KEY,
    seq       INTEGER NOT NULL
);

-- migration: 2
-- The journal as an ordinary rowid table. In the WITHOUT ROWID table of migration 1 a record lives in the primary-key
-- b-tree, where SQLite keeps at most about 1,000 bytes of it on the leaf page, so every 1 KiB message took an overflow
-- page of its own (4.5 KB on disk per message, and as much WAL per commit). Here the record is in the table's b-tree
-- (a record spills only past about 4,000 bytes) and the key (stream_id, seq) in its own index, which keeps every
-- lookup of the code (by stream and sequence, range reads in sequence order) an index search. Existing records are
-- copied over, in this migration's transaction.
CREATE TABLE journal_rowid (
    stream_id      TEXT    NOT NULL,
    seq            INTEGER NOT NULL,
    delivery_count INTEGER NOT NULL,
    data           BLOB    NOT NULL,
    PRIMARY KEY (stream_id, seq)
);
INSERT INTO journal_rowid (stream_id, seq, delivery_count, data)
SELECT stream_id, seq, delivery_count, data FROM journal ORDER BY stream_id, seq;
DROP TABLE journal;
ALTER TABLE journal_rowid RENAME TO journal;

-- migration: 3
-- The delivered-through mark of a stream (JournalBatch.DeliveredThrough): only ever raised, kept across a purge.
ALTER TABLE journal_high_water ADD COLUMN delivered INTEGER NOT NULL DEFAULT 0;

-- query: FenceEpoch
SELECT epoch FROM grain_state WHERE grain_id = @id;

-- query: FenceEpochsJson
-- Every stream of a group commit in one statement: @ids is a JSON array of grain ids.
SELECT grain_id, epoch FROM grain_state WHERE grain_id IN (SELECT value FROM json_each(@ids));

-- query: Purge
DELETE FROM journal WHERE stream_id = @stream_id;

-- query: Append
INSERT INTO journal (stream_id, seq, delivery_count, data) VALUES (@stream_id, @seq, @count, @data);

-- query: HighWater
INSERT INTO journal_high_water (stream_id, seq, delivered) VALUES (@stream_id, @seq, @delivered)
ON CONFLICT (stream_id) DO UPDATE SET seq = max(seq, excluded.seq), delivered = max(delivered, excluded.delivered);

-- query: SetDeliveryCount
UPDATE journal SET delivery_count = @count WHERE stream_id = @stream_id AND seq = @seq;

-- query: Remove
DELETE FROM journal WHERE stream_id = @stream_id AND seq = @seq;

-- query: Read
SELECT seq, delivery_count, data FROM journal WHERE stream_id = @stream_id AND seq > @after ORDER BY seq LIMIT @max;

-- query: Summary
SELECT count(*), coalesce(sum(length(data)), 0),
       coalesce((SELECT seq FROM journal_high_water WHERE stream_id = @stream_id), 0),
       coalesce((SELECT delivered FROM journal_high_water WHERE stream_id = @stream_id), 0)
FROM journal WHERE stream_id = @stream_id;
