namespace GpuAE.Tests.Cli;

/// <summary>User mistakes end as one line on stderr and exit code 2, never a stack trace.</summary>
public sealed class CliErrorTests
{
    [Fact]
    public void An_unknown_model_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("train", "--model", "resnet-9000"), "unknown model 'resnet-9000'");

    [Fact]
    public void A_bad_noise_spec_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("train", "--noise", "mask:1.7"), "fraction must be in [0, 1]");

    [Fact]
    public void A_missing_dataset_is_a_one_line_error_that_says_how_to_fetch_it()
    {
        string empty = Directory.CreateTempSubdirectory("gpuae-nodata-").FullName;
        CliAssert.OneLineUsageError(GpuaeProcess.Run("train", "--data-dir", empty, "--epochs", "1"), "gpuae data fetch");
    }

    [Fact]
    public void An_unknown_option_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("train", "--frobnicate"), "unknown option '--frobnicate'");

    [Fact]
    public void An_unknown_command_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("fly"), "unknown command 'fly'");

    [Fact]
    public void An_unknown_device_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("bench", "train", "--device", "tpu", "--steps", "1", "--runs", "1"), "unknown device 'tpu'");

    [Fact]
    public void An_unknown_kernel_variant_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("bench", "kernels", "--device", "cpu", "--kernels", "gemm=warp-magic"), "no gemm variant 'warp-magic'");

    [Fact]
    public void Graph_and_no_graph_together_are_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("train", "--graph", "--no-graph", "--epochs", "1"), "--graph and --no-graph");

    [Fact]
    public void A_corrupt_checkpoint_is_a_one_line_error()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("gpuae-badckpt-").FullName, "model.gae");
        File.WriteAllText(path, "GPUAECKP but then garbage follows here....");
        CliAssert.OneLineUsageError(GpuaeProcess.Run("eval", "--checkpoint", path), "checkpoint");
    }

    [Fact]
    public void Devices_lists_the_cpu_and_marks_the_auto_choice()
    {
        var r = GpuaeProcess.Run("devices");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("cpu", r.Stdout);
        Assert.Contains("<- auto", r.Stdout);
    }
}
