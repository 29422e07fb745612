namespace Benchmarks.Runtime;

/// <summary>Which way a grain call travels.</summary>
public enum CallPath
{
    /// <summary>A silo's own grain factory calling a grain that this silo owns: no connection, no serialization.</summary>
    Local,

    /// <summary>Silo A's grain factory calling a grain owned by silo B: a silo-to-silo connection over loopback TCP.</summary>
    CrossSilo,

    /// <summary>The cluster client (what a gateway uses) calling a grain on a silo: a gateway connection over loopback TCP.</summary>
    Client,
}
