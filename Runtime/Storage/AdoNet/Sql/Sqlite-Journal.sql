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

-- query: FenceEpoch
SELECT epoch FROM grain_state WHERE grain_id = @id;

-- query: Purge
DELETE FROM journal WHERE stream_id = @stream_id;

-- query: Append
INSERT INTO journal (stream_id, seq, delivery_count, data) VALUES (@stream_id, @seq, @count, @data);

-- query: HighWater
INSERT INTO journal_high_water (stream_id, seq) VALUES (@stream_id, @seq)
ON CONFLICT (stream_id) DO UPDATE SET seq = max(seq, excluded.seq);

-- query: SetDeliveryCount
UPDATE journal SET delivery_count = @count WHERE stream_id = @stream_id AND seq = @seq;

-- query: Remove
DELETE FROM journal WHERE stream_id = @stream_id AND seq = @seq;

-- query: Read
SELECT seq, delivery_count, data FROM journal WHERE stream_id = @stream_id AND seq > @after ORDER BY seq LIMIT @max;

-- query: Summary
SELECT count(*), coalesce(sum(length(data)), 0),
       coalesce((SELECT seq FROM journal_high_water WHERE stream_id = @stream_id), 0)
FROM journal WHERE stream_id = @stream_id;
