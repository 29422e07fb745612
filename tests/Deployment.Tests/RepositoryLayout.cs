namespace Deployment.Tests;

/// <summary>Where the repository and the shared tools are, found from the test assembly's folder.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The folder holding <c>Orleans.sln</c>.</summary>
    public static string Root => _root.Value;

    /// <summary><c>../shared/tools/k8s-validate</c> beside the repository (read-only in CI).</summary>
    public static string K8sValidateTool => Path.GetFullPath(Path.Combine(Root, "..", "shared", "tools", "k8s-validate"));

    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder holding Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
