-- Versioned schema migrations, PostgreSQL dialect (read by SchemaMigrator).
-- Every component (Membership, GrainState, ...) numbers its own migrations; schema_migrations records which ones
-- a database has. All of this runs in one transaction per InitializeAsync.

-- query: Lock
-- A database-wide advisory lock held until the migration transaction ends, so silos starting together apply each
-- migration once. CREATE TABLE IF NOT EXISTS alone is not safe under concurrency in PostgreSQL: two sessions can both
-- pass the existence check and one then fails on the unique index of pg_type.
SELECT pg_advisory_xact_lock(7340031983276500481);

-- query: CreateTable
CREATE TABLE IF NOT EXISTS schema_migrations (
    component  varchar(100) NOT NULL,
    version    integer      NOT NULL,
    applied_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (component, version)
);

-- query: Applied
SELECT version FROM schema_migrations WHERE component = @component;

-- query: Record
INSERT INTO schema_migrations (component, version) VALUES (@component, @version);
