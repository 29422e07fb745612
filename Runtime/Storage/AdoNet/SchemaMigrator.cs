using System.Data.Common;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// Applies a component's pending migrations at start-up. Everything runs in one write transaction: take the dialect's
/// migration lock if it has one (PostgreSQL: <c>pg_advisory_xact_lock</c>; SQLite's <c>BEGIN IMMEDIATE</c> already holds
/// the single write lock), create <c>schema_migrations</c> if missing, read which versions this database has, then apply
/// and record the missing ones in order. Two silos starting together therefore apply each migration exactly once, and a
/// failed migration leaves nothing behind.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task MigrateAsync(IAdoNetDialect dialect, SqlScript component, CancellationToken cancellationToken)
    {
        var sql = SqlScript.Load(dialect.Name, "Migrations");
        await using var lease = await dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        if (sql.Find("Lock") is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken).ConfigureAwait(false);
        }
        if (dialect.CreateSchemaSql is { } createSchema)
        {
            await ExecuteAsync(connection, transaction, createSchema, cancellationToken).ConfigureAwait(false);
        }
        await ExecuteAsync(connection, transaction, sql["CreateTable"], cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var read = connection.CreateCommand(sql["Applied"], transaction).With("@component", component.Component))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in component.Migrations)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = connection.CreateCommand(sql["Record"], transaction)
                .With("@component", component.Component)
                .With("@version", migration.Version);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
