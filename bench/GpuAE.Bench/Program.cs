using System.Globalization;
using GpuAE.Bench;
using GpuAE.Kernels.Gemm;

// SGEMM timing for GpuAE's CPU kernels; prints one JSON line per shape, in the same format as
// bench/gemm_numpy.py, so bench/gemm-compare.sh can put them side by side.
//   gpuae-bench [--variant packed] [--threads N] [--reps 9] [--sample-ms 100] [--shapes name:MxNxK[:TT],...]
try
{
    var options = GemmBenchOptions.Parse(args);
    if (options.Threads is int threads) CpuGemm.MaxThreads = threads;
    Console.Error.WriteLine($"{{\"impl\": \"gpuae\", \"variant\": \"{options.Variant}\", \"threads\": {CpuGemm.MaxThreads}, \"variants\": \"{string.Join(",", CpuGemm.Variants)}\"}}");
    foreach (var shape in options.Shapes)
    {
        var (ms, minMs, cpuMs, gflops) = GemmTimer.Time(options.Variant, shape, options.Reps, options.SampleMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"impl\": \"gpuae\", \"name\": \"{shape.Name}\", \"m\": {shape.M}, \"n\": {shape.N}, \"k\": {shape.K}, \"trans\": \"{shape.Trans}\", \"median_ms\": {ms:0.####}, \"min_ms\": {minMs:0.####}, \"cpu_ms\": {cpuMs:0.####}, \"gflops\": {gflops:0.##}}}"));
    }
    return 0;
}
catch (Exception e) when (e is FormatException or ArgumentException)
{
    Console.Error.WriteLine($"gpuae-bench: {e.Message}");
    return 2;
}
