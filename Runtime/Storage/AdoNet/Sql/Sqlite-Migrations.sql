-- Versioned schema migrations, SQLite dialect (read by SchemaMigrator).
-- Every component (Membership, GrainState, ...) numbers its own migrations; schema_migrations records which ones
-- a database has. All of this runs in one BEGIN IMMEDIATE transaction per InitializeAsync: that transaction holds
-- SQLite's single write lock from its start, so concurrent starters (threads or processes) apply each migration once
-- and no separate lock statement is needed.

-- query: CreateTable
CREATE TABLE IF NOT EXISTS schema_migrations (
    component  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    applied_at INTEGER NOT NULL, -- unix milliseconds, database clock
    PRIMARY KEY (component, version)
);

-- query: Applied
SELECT version FROM schema_migrations WHERE component = @component;

-- query: Record
INSERT INTO schema_migrations (component, version, applied_at)
VALUES (@component, @version, CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER));
