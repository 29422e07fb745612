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

-- migration: 2
-- The delivered-through mark of a stream (JournalBatch.DeliveredThrough): only ever raised, kept across a purge.
ALTER TABLE journal_high_water ADD COLUMN IF NOT EXISTS delivered bigint NOT NULL DEFAULT 0;

-- query: FenceEpochs
SELECT grain_id, epoch FROM grain_state WHERE grain_id = ANY(@ids) FOR SHARE;

-- query: Purge
DELETE FROM journal WHERE stream_id = @stream_id;

-- query: AppendMany
INSERT INTO journal (stream_id, seq, delivery_count, data)
SELECT @stream_id, t.seq, t.delivery_count, t.data FROM unnest(@seqs, @counts, @datas) AS t(seq, delivery_count, data);

-- query: HighWater
INSERT INTO journal_high_water (stream_id, seq, delivered) VALUES (@stream_id, @seq, @delivered)
ON CONFLICT (stream_id) DO UPDATE SET seq = greatest(journal_high_water.seq, excluded.seq),
                                      delivered = greatest(journal_high_water.delivered, excluded.delivered);

-- query: SetDeliveryCountMany
-- The last update of a sequence wins, as when the updates run one by one: UPDATE ... FROM with several matching rows
-- would apply an arbitrary one of them (which one depends on the join plan), hence DISTINCT ON the array position.
UPDATE journal AS j SET delivery_count = t.delivery_count
FROM (SELECT DISTINCT ON (u.seq) u.seq, u.delivery_count
      FROM unnest(@seqs, @counts) WITH ORDINALITY AS u(seq, delivery_count, position)
      ORDER BY u.seq, u.position DESC) AS t
WHERE j.stream_id = @stream_id AND j.seq = t.seq AND j.seq = ANY(@seqs);

-- query: RemoveMany
DELETE FROM journal WHERE stream_id = @stream_id AND seq = ANY(@seqs);

-- query: Read
SELECT seq, delivery_count, data FROM journal WHERE stream_id = @stream_id AND seq > @after ORDER BY seq LIMIT @max;

-- query: Summary
SELECT count(*), coalesce(sum(octet_length(data)), 0),
       coalesce((SELECT seq FROM journal_high_water WHERE stream_id = @stream_id), 0),
       coalesce((SELECT delivered FROM journal_high_water WHERE stream_id = @stream_id), 0)
FROM journal WHERE stream_id = @stream_id;

-- The statements of a whole group commit, sent with FenceEpochs as one batch (one round trip, one implicit transaction)
-- when no batch of the group purges. Each row carries its batch's stream and epoch, and joins grain_state on both: the
-- rows FenceEpochs locked FOR SHARE cannot change until the commit, so exactly the batches whose epoch it returned
-- are written. Rows are in batch order; a group's appends, marks, counts and removes run in that order, which is the
-- order of the batches one by one because a sequence is never reused.

-- query: AppendAll
INSERT INTO journal (stream_id, seq, delivery_count, data)
SELECT t.stream_id, t.seq, t.delivery_count, t.data
FROM unnest(@stream_ids, @epochs, @seqs, @counts, @datas) AS t(stream_id, epoch, seq, delivery_count, data)
JOIN grain_state AS g ON g.grain_id = t.stream_id AND g.epoch = t.epoch;

-- query: HighWaterAll
INSERT INTO journal_high_water (stream_id, seq, delivered)
SELECT t.stream_id, max(t.seq), max(t.delivered)
FROM unnest(@stream_ids, @epochs, @seqs, @delivered) AS t(stream_id, epoch, seq, delivered)
JOIN grain_state AS g ON g.grain_id = t.stream_id AND g.epoch = t.epoch
GROUP BY t.stream_id
ON CONFLICT (stream_id) DO UPDATE SET seq = greatest(journal_high_water.seq, excluded.seq),
                                      delivered = greatest(journal_high_water.delivered, excluded.delivered);

-- query: SetDeliveryCountAll
-- The last update of a record wins (DISTINCT ON the array position, see SetDeliveryCountMany). Here and in RemoveAll
-- each row is found by its own index lookup on both key columns: a LATERAL subquery with LIMIT 1 (which the planner
-- cannot flatten into a join), then the row by its ctid. A plain join lets the planner scan all of journal instead
-- whenever its statistics say the table is empty, which they do after every autovacuum of this queue table, and an
-- auto-prepared plan keeps that choice while thousands of rows and dead rows pile up (measured: 15-21 ms per group
-- commit's DELETE). The dialect also turns enable_seqscan off (PostgreSqlDialect.WithIndexOnlyPlans). No
-- "= ANY(array)" in the index condition: the array is sorted again at every lookup of a nested loop, which made a
-- 2,000-row removal take 145 ms.
UPDATE journal AS j SET delivery_count = t.delivery_count
FROM (SELECT DISTINCT ON (u.stream_id, u.seq) u.stream_id, u.seq, u.delivery_count
      FROM unnest(@stream_ids, @epochs, @seqs, @counts) WITH ORDINALITY AS u(stream_id, epoch, seq, delivery_count, position)
      JOIN grain_state AS g ON g.grain_id = u.stream_id AND g.epoch = u.epoch
      ORDER BY u.stream_id, u.seq, u.position DESC) AS t
CROSS JOIN LATERAL (SELECT x.ctid FROM journal AS x WHERE x.stream_id = t.stream_id AND x.seq = t.seq LIMIT 1) AS r
WHERE j.ctid = r.ctid;

-- query: RemoveAll
DELETE FROM journal AS j
WHERE j.ctid = ANY(ARRAY(
    SELECT r.ctid
    FROM unnest(@stream_ids, @epochs, @seqs) AS t(stream_id, epoch, seq)
    JOIN grain_state AS g ON g.grain_id = t.stream_id AND g.epoch = t.epoch
    CROSS JOIN LATERAL (SELECT x.ctid FROM journal AS x WHERE x.stream_id = t.stream_id AND x.seq = t.seq LIMIT 1) AS r));
