using System.Runtime;
using System.Runtime.InteropServices;

namespace Benchmarks;

/// <summary>The facts a reader needs to judge figures: cores, runtime, GC mode, build configuration.</summary>
public static class MachineInfo
{
    public static bool IsReleaseBuild =>
#if DEBUG
        false;
#else
        true;
#endif

    public static void Print(TextWriter output)
    {
        if (!IsReleaseBuild)
        {
            output.WriteLine("WARNING: this is a Debug build; its figures mean nothing. Run with -c Release:");
            output.WriteLine("         dotnet run -c Release --project tests/Benchmarks -- <benchmark>");
        }
        output.WriteLine($"Machine:  {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        output.WriteLine($"Runtime:  {RuntimeInformation.FrameworkDescription} (Environment.Version {Environment.Version}), " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {GCSettings.LatencyMode}");
        output.WriteLine($"Build:    {(IsReleaseBuild ? "Release" : "Debug")}");
    }
}
