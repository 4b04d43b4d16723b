using GpuAE.Compute;
using GpuAE.Data;

namespace GpuAE.Tests.Data;

/// <summary>Which training splits stay on the device (and each step gathers its batch there) and which are copied from the host per step.</summary>
public sealed class SplitResidenceTests
{
    private const long Gigabyte = 1L << 30;

    private static DeviceInfo Device(AcceleratorType type, long memory) =>
        new(type, 0, "test device", "test", memory, 1, IsGpu: type == AcceleratorType.Cuda, Details: "");

    [Fact]
    public void The_managed_cpu_accelerator_copies_batches_from_the_host()
    {
        var residence = SplitResidence.For(Device(AcceleratorType.Cpu, 64 * Gigabyte), 60_000, 784);
        Assert.False(residence.OnDevice);
        Assert.Contains("host memory", residence.Reason);
    }

    [Theory]
    [InlineData(AcceleratorType.Cuda)]
    [InlineData(AcceleratorType.OpenCl)]
    [InlineData(AcceleratorType.IlgpuCpu)]
    public void A_kernel_device_keeps_a_split_that_fits_a_quarter_of_its_memory(AcceleratorType type)
    {
        var residence = SplitResidence.For(Device(type, 16 * Gigabyte), 60_000, 784);
        Assert.True(residence.OnDevice);
        Assert.Equal("device gather", residence.Path);
    }

    [Fact]
    public void A_split_of_exactly_a_quarter_of_the_memory_stays_on_the_device_and_one_more_sample_does_not()
    {
        const int pixels = 784;
        long perSample = SplitResidence.Bytes(1, pixels);
        Assert.Equal((784 + 2) * sizeof(float), perSample);
        var device = Device(AcceleratorType.Cuda, 4 * 1000 * perSample);
        Assert.True(SplitResidence.For(device, 1000, pixels).OnDevice);
        var over = SplitResidence.For(device, 1001, pixels);
        Assert.False(over.OnDevice);
        Assert.Contains("more than a quarter of the device's", over.Reason);
    }

    [Fact]
    public void A_split_with_more_samples_than_float_indices_count_exactly_is_copied_from_the_host()
    {
        var residence = SplitResidence.For(Device(AcceleratorType.Cuda, 1L << 50), Accelerator.MaxGatherRows + 1, 1);
        Assert.False(residence.OnDevice);
        Assert.Contains(Accelerator.MaxGatherRows.ToString(), residence.Reason);
    }

    [Fact]
    public void The_log_line_names_the_path_and_the_reason()
    {
        Assert.StartsWith("batches: gathered on the device", SplitResidence.For(Device(AcceleratorType.Cuda, 16 * Gigabyte), 100, 784).Describe());
        Assert.Equal("batches: copied from the host and uploaded every step (asked for)", SplitResidence.Host("asked for").Describe());
    }
}
