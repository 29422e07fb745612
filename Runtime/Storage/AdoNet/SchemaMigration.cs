namespace Runtime.Storage.AdoNet;

/// <summary>One numbered schema change of a component, as written in its SQL file.</summary>
/// <param name="Version">The migration's number; migrations apply in increasing order, each once per database.</param>
/// <param name="Sql">The DDL, possibly several statements.</param>
internal sealed record SchemaMigration(int Version, string Sql);
