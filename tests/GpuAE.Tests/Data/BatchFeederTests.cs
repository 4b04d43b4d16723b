using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Tests.Compute;

namespace GpuAE.Tests.Data;

/// <summary>
/// The two paths a batch takes to the device: copied from the host every step, or gathered on
/// the device from a split kept there (on the managed cpu accelerator too, when asked, so both
/// paths run everywhere). They must fill the batch buffers with the same floats.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class BatchFeederTests(ITestOutputHelper output)
{
    private const int Count = 23, Side = 5, Batch = 7;
    private static readonly SplitResidence OnDevice = new(true, "test");

    private static Dataset Split() => TestData.Split(Count, Side, 3);

    private static int[] Shuffled(int seed) => [.. Enumerable.Range(0, Count).OrderBy(i => (i * 7919 + seed * 104729) % 101)];

    /// <summary>The first rows of both feeders' batch buffers hold the same floats, images and labels.</summary>
    private static void SameBatch(BatchFeeder expected, BatchFeeder actual, int rows)
    {
        Assert.Equal(expected.Images.ToArray()[..(rows * Side * Side)], actual.Images.ToArray()[..(rows * Side * Side)]);
        Assert.Equal(expected.Labels.ToArray()[..rows], actual.Labels.ToArray()[..rows]);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void A_shuffled_batch_gathered_on_the_device_equals_the_host_copy(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        var data = Split();
        var order = Shuffled(1);
        using var host = new BatchFeeder(acc, data, Batch);
        using var device = new BatchFeeder(acc, data, Batch, OnDevice);
        foreach (var (start, rows) in new[] { (0, Batch), (14, Batch), (21, 2) })
        {
            host.Load(order, start, rows, withLabels: true);
            device.Load(order, start, rows, withLabels: true);
            SameBatch(host, device, rows);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void A_contiguous_range_from_a_split_on_the_device_equals_the_host_copy(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        var data = Split();
        using var host = new BatchFeeder(acc, data, Batch);
        using var device = new BatchFeeder(acc, data, Batch, OnDevice);
        host.LoadRange(16, Batch, withLabels: true);
        device.LoadRange(16, Batch, withLabels: true);
        SameBatch(host, device, Batch);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void A_split_on_the_device_uploads_each_order_once_and_nothing_per_step(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        using var feeder = new BatchFeeder(acc, Split(), Batch, OnDevice);
        long before = acc.UploadCount;
        var epoch1 = Shuffled(1);
        for (int start = 0; start + Batch <= Count; start += Batch) feeder.Load(epoch1, start, Batch, withLabels: true);
        Assert.Equal(1, acc.UploadCount - before);
        var epoch2 = Shuffled(2);
        for (int start = 0; start + Batch <= Count; start += Batch) feeder.Load(epoch2, start, Batch, withLabels: true);
        Assert.Equal(2, acc.UploadCount - before);
    }

    [Fact]
    public void The_host_copy_uploads_the_images_and_the_labels_every_step()
    {
        var acc = AcceleratorSpecs.TryOpen("cpu", output);
        using var feeder = new BatchFeeder(acc, Split(), Batch);
        long before = acc.UploadCount;
        for (int start = 0; start + Batch <= Count; start += Batch) feeder.Load(Shuffled(1), start, Batch, withLabels: true);
        Assert.Equal(2 * (Count / Batch), acc.UploadCount - before);
    }

    [Fact]
    public void An_order_that_names_a_sample_outside_the_split_is_refused_before_it_reaches_the_device()
    {
        var acc = AcceleratorSpecs.TryOpen("ilgpu-cpu", output);
        using var feeder = new BatchFeeder(acc, Split(), Batch, OnDevice);
        var order = Shuffled(1);
        order[Count - 1] = Count;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => feeder.Load(order, 0, Batch));
        Assert.Contains($"sample {Count}, outside the split's 0..{Count - 1}", e.Message);
    }
}
