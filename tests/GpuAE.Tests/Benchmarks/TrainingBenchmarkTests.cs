using GpuAE.Benchmarks;
using GpuAE.Data;
using GpuAE.Tests.Compute;

namespace GpuAE.Tests.Benchmarks;

/// <summary>What `gpuae bench train` reports about how batches reach the device, counted by the accelerator.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class TrainingBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>4x4 images: the benchmark trains the catalog's dense model (1000 hidden units), which at 28x28 takes minutes on ilgpu-cpu.</summary>
    private static readonly Dataset Split = new("synthetic", "train", TestData.Images(12, 4, 4, 4), new byte[12], KnownDatasets.DigitClassNames, 4, 4);

    private TrainingBenchmarkResult Bench(string spec, bool hostBatches) =>
        TrainingBenchmark.Run(AcceleratorSpecs.TryOpen(spec, output), Split, "dense", 4, "sgd", 0.1f, "mask:0.2", warmup: 1, steps: 3, runs: 1, hostBatches: hostBatches);

    [Fact]
    public void A_split_kept_on_the_device_trains_with_no_upload_or_download_per_step()
    {
        var r = Bench("ilgpu-cpu", hostBatches: false);
        Assert.Equal("device gather", r.Batches);
        Assert.Equal(0, r.UploadsPerStep);
        Assert.Equal(0, r.DownloadsPerStep);
    }

    [Fact]
    public void Copying_batches_from_the_host_uploads_once_per_step_and_the_gather_is_one_launch_instead()
    {
        var host = Bench("ilgpu-cpu", hostBatches: true);
        var device = Bench("ilgpu-cpu", hostBatches: false);
        Assert.Equal("host copy", host.Batches);
        Assert.Equal(1, host.UploadsPerStep);
        Assert.Equal(host.KernelLaunchesPerStep + 1, device.KernelLaunchesPerStep);
    }

    [Fact]
    public void The_managed_cpu_accelerator_copies_batches_from_the_host()
    {
        var r = Bench("cpu", hostBatches: false);
        Assert.Equal("host copy", r.Batches);
        Assert.Equal(1, r.UploadsPerStep);
    }
}
