using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// Sizes are counted in 64 bits before anything is allocated: a model or batch that no device
/// buffer (2^31 - 1 floats) or the device's memory can hold stops with one line that says how
/// much it needs and what to make smaller, never an overflow or a negative length.
/// </summary>
public sealed class SizeLimitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("3000000", "weight tensor of 2,352,000,000 floats (8.76 GiB)")]
    [InlineData("2000000000", "weight tensor of 1,568,000,000,000 floats")]
    public void A_hidden_layer_too_large_for_a_device_buffer_says_how_much_it_needs(string hidden, string expected)
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("train", "--hidden", hidden, "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--out", dir.File("run"));
        output.WriteLine(r.Stdout + r.Stderr);
        CliAssert.OneLineUsageError(r, expected);
        Assert.Contains("--hidden", r.Stderr);
        Assert.DoesNotContain("must be positive, got -", r.Stderr);
    }

    [Fact]
    public void A_batch_too_large_for_a_device_buffer_says_how_much_it_needs()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        var r = GpuaeProcess.Run("train", "--model", "conv-keras", "--batch", "2000000", "--epochs", "1",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--out", dir.File("run"));
        output.WriteLine(r.Stdout + r.Stderr);
        CliAssert.OneLineUsageError(r, "needs 3,010,560,000 floats (11.22 GiB) for its output at a batch of 60000");
        Assert.Contains("smaller --batch", r.Stderr);
    }

    [Fact]
    public void A_model_larger_than_the_devices_memory_is_refused_before_allocating()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        using var dir = new TempDirectory();
        // The CPU device's memory is what .NET may use: a 256 MiB heap limit makes a 100,000-unit dense model (about 2.3 GiB with Adam's moments) too large.
        var r = GpuaeProcess.RunWithEnvironment(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            "train", "--hidden", "100000", "--optimizer", "adam", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--device", "cpu", "--out", dir.File("run"));
        output.WriteLine(r.Stdout + r.Stderr);
        CliAssert.OneLineUsageError(r, "of device memory");
        Assert.Matches(@"needs about 2\.\d+ GiB of device memory; .* has 0\.2\d* GiB", r.Stderr);
    }

    public static TheoryData<string> CatalogModels => [.. ModelCatalog.All.Where(e => e.Name != "stacked").Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(CatalogModels))]
    public void The_plan_counts_exactly_the_parameters_and_buffers_a_built_model_allocates(string model)
    {
        using var acc = new CpuAccelerator();
        var config = new ModelConfig { Name = model, Hidden = 32, Latent = 4, Classes = 10 };
        using var network = ModelCatalog.Create(config);
        var input = new TensorShape(1, 28, 28);
        var planned = MemoryPlan.Buffers(network.Layers, input, 8).ToList();
        long before = acc.AllocatedBytes;
        network.Build(acc, input, 8, seed: 1);
        Assert.Equal(network.ParameterCount, planned.Where(b => b.Buffer.IsParameter).Sum(b => b.Buffer.Elements));
        Assert.Equal(acc.AllocatedBytes - before, planned.Sum(b => b.Buffer.Elements) * sizeof(float) + StateBytes(network));
    }

    /// <summary>Non-trainable state (batch norm's running statistics and saved batch moments) is small and left out of the plan.</summary>
    private static long StateBytes(Network network) =>
        network.Layers.SelectMany(Flatten).OfType<BatchNorm2d>().Sum(b => 4L * b.InputShape.Channels * sizeof(float));

    private static IEnumerable<Layer> Flatten(Layer l) => l is ResidualBlock r ? r.Main.Concat(r.Shortcut).SelectMany(Flatten) : [l];
}
