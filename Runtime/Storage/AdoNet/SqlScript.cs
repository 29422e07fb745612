using System.Collections.Concurrent;
using System.Globalization;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// The SQL of one component (<c>Membership</c>, <c>GrainState</c>, <c>Migrations</c>) in one dialect, read once per
/// process from the embedded file <c>Sql/{Dialect}-{Component}.sql</c>. A file is a header comment followed by
/// sections, each opened by a marker line:
/// <list type="bullet">
/// <item><c>-- migration: N</c>: schema version N of the component (DDL), applied once and in increasing order.</item>
/// <item><c>-- query: Name</c>: a statement the code runs by name. Parameters are written <c>@name</c>, which both
/// Npgsql and Microsoft.Data.Sqlite bind by name.</item>
/// </list>
/// Whole-line comments inside a section are dropped so the text sent to the server is only SQL.
/// </summary>
internal sealed class SqlScript
{
    private const string MigrationMarker = "-- migration:";
    private const string QueryMarker = "-- query:";

    private static readonly ConcurrentDictionary<string, SqlScript> _cache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _queries;

    private SqlScript(string component, List<SchemaMigration> migrations, Dictionary<string, string> queries)
    {
        Component = component;
        Migrations = migrations;
        _queries = queries;
    }

    /// <summary>The component name, the key of its rows in <c>schema_migrations</c>.</summary>
    public string Component { get; }

    /// <summary>The component's migrations, by increasing version.</summary>
    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The statement named <paramref name="name"/>; throws if the file lacks it.</summary>
    public string this[string name] => _queries.TryGetValue(name, out var sql)
        ? sql
        : throw new InvalidOperationException($"SQL script '{Component}' has no query '{name}'.");

    /// <summary>The statement named <paramref name="name"/>, or null when this dialect does not need one.</summary>
    public string? Find(string name) => _queries.GetValueOrDefault(name);

    public static SqlScript Load(string dialect, string component) =>
        _cache.GetOrAdd($"{dialect}-{component}.sql", static (fileName, component) =>
            Parse(component, fileName, ReadResource(fileName)), component);

    private static string ReadResource(string fileName)
    {
        // The manifest name is "<root namespace>.<folders>.<file>"; match on the file name so a change of root
        // namespace or folder does not break the lookup.
        var assembly = typeof(SqlScript).Assembly;
        var suffix = "." + fileName;
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded SQL file '{fileName}' not found in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SqlScript Parse(string component, string fileName, string text)
    {
        var migrations = new List<SchemaMigration>();
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        string? kind = null;
        string? name = null;
        var body = new List<string>();

        void Flush()
        {
            var sql = string.Join('\n', body).Trim();
            body.Clear();
            if (kind is null)
            {
                return; // the file header
            }
            if (sql.Length == 0)
            {
                throw new InvalidOperationException($"{fileName}: section '{name}' is empty.");
            }
            if (kind == MigrationMarker)
            {
                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ||
                    (migrations.Count > 0 && version <= migrations[^1].Version))
                {
                    throw new InvalidOperationException($"{fileName}: migration '{name}' must be a number above the previous one.");
                }
                migrations.Add(new SchemaMigration(version, sql));
            }
            else if (!queries.TryAdd(name!, sql))
            {
                throw new InvalidOperationException($"{fileName}: query '{name}' is defined twice.");
            }
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.TrimStart();
            var marker = trimmed.StartsWith(MigrationMarker, StringComparison.Ordinal) ? MigrationMarker
                : trimmed.StartsWith(QueryMarker, StringComparison.Ordinal) ? QueryMarker
                : null;
            if (marker is not null)
            {
                Flush();
                kind = marker;
                name = trimmed[marker.Length..].Trim();
            }
            else if (kind is not null && !trimmed.StartsWith("--", StringComparison.Ordinal))
            {
                body.Add(line);
            }
        }
        Flush();
        return new SqlScript(component, migrations, queries);
    }
}
