using System.Text.Json.Serialization;

namespace Silo.Admin;

/// <summary>Source-generated JSON for the admin documents (no reflection).</summary>
[JsonSerializable(typeof(SiloStatusDocument))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
}
