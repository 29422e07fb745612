-- Grain journals (queue messages), PostgreSQL dialect (read by AdoNetJournalStorage). Every batch is fenced by the
-- epoch of its grain in grain_state: the rows are locked FOR SHARE for the whole group-commit transaction, so a
-- TakeOwnership (which updates the row) waits for the commit, and a batch of a stale epoch writes nothing.

-- migration: 1
CREATE TABLE IF NOT EXISTS journal (
    stream_id      text    NOT NULL, -- GrainId.ToString() of the owning grain
    seq            bigint  NOT NULL, -- sequence within the stream, allocated by the owning activation
    delivery_count integer NOT NULL, -- mutable: redeliveries update it without rewriting data
    data           bytea   NOT NULL,
    PRIMARY KEY (stream_id, seq)
);
CREATE TABLE IF NOT EXISTS journal_high_water (
    stream_id text   NOT NULL PRIMARY KEY, -- highest sequence ever appended, so a purged stream never reuses one
    seq       bigint NOT NULL
);

-- query: FenceEpochs
SELECT grain_id, epoch FROM grain_state WHERE grain_id = ANY(@ids) FOR SHARE;

-- query: Purge
DELETE FROM journal WHERE stream_id = @stream_id;

-- query: AppendMany
INSERT INTO journal (stream_id, seq, delivery_count, data)
SELECT @stream_id, t.seq, t.delivery_count, t.data FROM unnest(@seqs, @counts, @datas) AS t(seq, delivery_count, data);

-- query: HighWater
INSERT INTO journal_high_water (stream_id, seq) VALUES (@stream_id, @seq)
ON CONFLICT (stream_id) DO UPDATE SET seq = greatest(journal_high_water.seq, excluded.seq);

-- query: SetDeliveryCountMany
-- The last update of a sequence wins, as when the updates run one by one: UPDATE ... FROM with several matching rows
-- would apply an arbitrary one of them (which one depends on the join plan), hence DISTINCT ON the array position.
UPDATE journal AS j SET delivery_count = t.delivery_count
FROM (SELECT DISTINCT ON (u.seq) u.seq, u.delivery_count
      FROM unnest(@seqs, @counts) WITH ORDINALITY AS u(seq, delivery_count, position)
      ORDER BY u.seq, u.position DESC) AS t
WHERE j.stream_id = @stream_id AND j.seq = t.seq;

-- query: RemoveMany
DELETE FROM journal WHERE stream_id = @stream_id AND seq = ANY(@seqs);

-- query: Read
SELECT seq, delivery_count, data FROM journal WHERE stream_id = @stream_id AND seq > @after ORDER BY seq LIMIT @max;

-- query: Summary
SELECT count(*), coalesce(sum(octet_length(data)), 0),
       coalesce((SELECT seq FROM journal_high_water WHERE stream_id = @stream_id), 0)
FROM journal WHERE stream_id = @stream_id;
