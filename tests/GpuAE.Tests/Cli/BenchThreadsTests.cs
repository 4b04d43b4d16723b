using System.Text.Json;

namespace GpuAE.Tests.Cli;

/// <summary>`gpuae bench train --threads`: one child process per thread count, results side by side.</summary>
public sealed class BenchThreadsTests
{
    [Fact]
    public void Each_thread_count_runs_the_benchmark_once_and_reports_under_its_count()
    {
        var empty = Directory.CreateTempSubdirectory("gpuae-threads-");
        try
        {
            var r = GpuaeProcess.Run("bench", "train", "--device", "cpu", "--threads", "1,2", "--model", "dense", "--batch", "8",
                "--runs", "1", "--steps", "1", "--warmup", "0", "--no-tune", "--json", "--data-dir", empty.FullName);
            Assert.True(r.ExitCode == 0, r.Stderr);
            var rows = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal([1, 2], rows.Select(e => e.GetProperty("Threads").GetInt32()));
            Assert.All(rows, e => Assert.Equal("dense", e.GetProperty("Result").GetProperty("Model").GetString()));
            Assert.All(rows, e => Assert.True(e.GetProperty("Result").GetProperty("MedianImagesPerSecond").GetDouble() > 0));
        }
        finally { empty.Delete(recursive: true); }
    }

    [Fact]
    public void Threads_on_a_gpu_device_is_a_one_line_usage_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("bench", "train", "--device", "cuda", "--threads", "2"), "use it with --device cpu");
}
