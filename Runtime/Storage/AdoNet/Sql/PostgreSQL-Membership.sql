-- Cluster membership, PostgreSQL dialect (read by AdoNetMembershipTable).
-- The shape is Orleans' ADO.NET clustering (src/AdoNet/Orleans.Clustering.AdoNet/PostgreSQL-Clustering.sql): a version
-- row per cluster and one row per silo incarnation; every membership change bumps the version in the same transaction,
-- compare-and-set on the version the writer read (table-wide optimistic concurrency). Times are the database's now().

-- migration: 1
CREATE TABLE IF NOT EXISTS membership_version (
    cluster_id varchar(150)   NOT NULL PRIMARY KEY,
    version    integer        NOT NULL DEFAULT 0,
    updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS membership (
    cluster_id      varchar(150)   NOT NULL REFERENCES membership_version (cluster_id),
    address         varchar(255)   NOT NULL,
    silo_port       integer        NOT NULL,
    gateway_port    integer        NOT NULL,
    generation      bigint         NOT NULL,
    silo_name       varchar(255)   NOT NULL,
    status          integer        NOT NULL,
    start_time      timestamptz(3) NOT NULL,
    i_am_alive_time timestamptz(3) NOT NULL,
    etag            bigint         NOT NULL,
    PRIMARY KEY (cluster_id, address, silo_port, generation)
);

-- query: InsertVersion
INSERT INTO membership_version (cluster_id, version) VALUES (@cluster_id, 0) ON CONFLICT (cluster_id) DO NOTHING;

-- query: ReadAll
-- One statement, so the version, the rows and now() come from one snapshot. The outer one-row select keeps now()
-- when the cluster has no version row yet.
SELECT now(), v.version, m.address, m.silo_port, m.gateway_port, m.generation, m.silo_name, m.status,
       m.start_time, m.i_am_alive_time, m.etag
FROM (SELECT 1) AS one
LEFT JOIN membership_version AS v ON v.cluster_id = @cluster_id
LEFT JOIN membership AS m ON m.cluster_id = v.cluster_id
ORDER BY m.address, m.silo_port, m.generation;

-- query: BumpVersion
-- The compare-and-set. It locks the version row, so concurrent writers queue here; under READ COMMITTED a queued
-- writer re-checks the WHERE against the committed row and updates nothing if the version moved.
UPDATE membership_version SET version = version + 1, updated_at = now()
WHERE cluster_id = @cluster_id AND version = @expected_version;

-- query: InsertRow
INSERT INTO membership (cluster_id, address, silo_port, gateway_port, generation, silo_name, status,
                        start_time, i_am_alive_time, etag)
VALUES (@cluster_id, @address, @silo_port, @gateway_port, @generation, @silo_name, @status, now(), now(), 1)
ON CONFLICT (cluster_id, address, silo_port, generation) DO NOTHING;

-- query: UpdateRow
UPDATE membership SET status = @status, i_am_alive_time = now(), etag = etag + 1
WHERE cluster_id = @cluster_id AND address = @address AND silo_port = @silo_port AND generation = @generation
  AND etag = @etag;

-- query: UpdateIAmAlive
UPDATE membership SET i_am_alive_time = now()
WHERE cluster_id = @cluster_id AND address = @address AND silo_port = @silo_port AND generation = @generation;

-- query: CleanupDefunct
-- Orleans' CleanupDefunctSiloEntriesKey: rows that are not Active (3) with an old heartbeat.
DELETE FROM membership
WHERE cluster_id = @cluster_id AND status <> 3
  AND i_am_alive_time < now() - interval '1 millisecond' * @older_than_ms::float8;

-- query: DeleteRows
DELETE FROM membership WHERE cluster_id = @cluster_id;

-- query: DeleteVersion
DELETE FROM membership_version WHERE cluster_id = @cluster_id;
