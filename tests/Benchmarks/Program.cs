using Benchmarks;

// Benchmarks are programs that print figures (STYLE.md 14). The first argument picks the benchmark:
//   dotnet run -c Release --project tests/Benchmarks -- calls [--seconds N]
return await BenchmarkSwitcher.CreateDefault().RunAsync(args).ConfigureAwait(false);
