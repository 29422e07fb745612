-- Cluster membership, SQLite dialect (read by AdoNetMembershipTable).
-- The shape is Orleans' ADO.NET clustering (src/AdoNet/Orleans.Clustering.AdoNet/PostgreSQL-Clustering.sql): a version
-- row per cluster and one row per silo incarnation; every membership change bumps the version in the same transaction,
-- compare-and-set on the version the writer read (table-wide optimistic concurrency). Times are the database's clock
-- in unix milliseconds: CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER). SQLite gives 'now' one
-- value for a whole statement.

-- migration: 1
CREATE TABLE IF NOT EXISTS membership_version (
    cluster_id TEXT    NOT NULL PRIMARY KEY,
    version    INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS membership (
    cluster_id      TEXT    NOT NULL REFERENCES membership_version (cluster_id),
    address         TEXT    NOT NULL,
    silo_port       INTEGER NOT NULL,
    gateway_port    INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    start_time      INTEGER NOT NULL,
    i_am_alive_time INTEGER NOT NULL,
    etag            INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, address, silo_port, generation)
);

-- query: InsertVersion
INSERT INTO membership_version (cluster_id, version, updated_at)
VALUES (@cluster_id, 0, CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER))
ON CONFLICT (cluster_id) DO NOTHING;

-- query: ReadAll
-- One statement, so the version, the rows and the clock come from one snapshot. The outer one-row select keeps the
-- clock when the cluster has no version row yet.
SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER), v.version, m.address, m.silo_port,
       m.gateway_port, m.generation, m.silo_name, m.status, m.start_time, m.i_am_alive_time, m.etag
FROM (SELECT 1) AS one
LEFT JOIN membership_version AS v ON v.cluster_id = @cluster_id
LEFT JOIN membership AS m ON m.cluster_id = v.cluster_id
ORDER BY m.address, m.silo_port, m.generation;

-- query: BumpVersion
-- The compare-and-set; the surrounding BEGIN IMMEDIATE transaction already holds the database's write lock.
UPDATE membership_version
SET version = version + 1, updated_at = CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)
WHERE cluster_id = @cluster_id AND version = @expected_version;

-- query: InsertRow
INSERT INTO membership (cluster_id, address, silo_port, gateway_port, generation, silo_name, status,
                        start_time, i_am_alive_time, etag)
VALUES (@cluster_id, @address, @silo_port, @gateway_port, @generation, @silo_name, @status,
        CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
        CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER), 1)
ON CONFLICT (cluster_id, address, silo_port, generation) DO NOTHING;

-- query: UpdateRow
UPDATE membership
SET status = @status, i_am_alive_time = CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER),
    etag = etag + 1
WHERE cluster_id = @cluster_id AND address = @address AND silo_port = @silo_port AND generation = @generation
  AND etag = @etag;

-- query: UpdateIAmAlive
UPDATE membership SET i_am_alive_time = CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)
WHERE cluster_id = @cluster_id AND address = @address AND silo_port = @silo_port AND generation = @generation;

-- query: CleanupDefunct
-- Orleans' CleanupDefunctSiloEntriesKey: rows that are not Active (3) with an old heartbeat.
DELETE FROM membership
WHERE cluster_id = @cluster_id AND status <> 3
  AND i_am_alive_time < CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) - @older_than_ms;

-- query: DeleteRows
DELETE FROM membership WHERE cluster_id = @cluster_id;

-- query: DeleteVersion
DELETE FROM membership_version WHERE cluster_id = @cluster_id;
