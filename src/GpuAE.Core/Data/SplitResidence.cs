using GpuAE.Compute;

namespace GpuAE.Data;

/// <summary>
/// Where a training split's samples live while a model trains on it, and why: kept on the device
/// (uploaded once; each step gathers its batch there, see <see cref="BatchFeeder"/>) or on the host
/// (each step's batch copied and uploaded, the path every split took before).
/// </summary>
public sealed record SplitResidence(bool OnDevice, string Reason)
{
    /// <summary>The host path, for a stated reason (evaluation feeders, or a caller that asks for it).</summary>
    public static SplitResidence Host(string reason) => new(false, reason);

    /// <summary>
    /// The rule. A split stays on the device when all of these hold:
    /// - the device is not the managed CPU accelerator (its buffers are host memory, so copying
    ///   each batch is already the cheapest path; ILGPU's CPU accelerator counts as a device, as
    ///   it runs the GPU kernels);
    /// - the split has at most <see cref="Accelerator.MaxGatherRows"/> samples (the order is
    ///   gathered through float indices, exact up to 2^24);
    /// - its images, labels and epoch order (<see cref="Bytes"/>) take at most a quarter of the
    ///   device's memory: the rest is left to the network's weights, activations, gradients,
    ///   optimizer state and kernel scratch, and to other work sharing the device.
    /// </summary>
    public static SplitResidence For(DeviceInfo device, int samples, int sampleSize)
    {
        if (device.Type == AcceleratorType.Cpu)
            return Host("the managed CPU accelerator's buffers are host memory, so a copy per step is already the cheapest path");
        if (samples > Accelerator.MaxGatherRows)
            return Host($"{samples} samples are more than the {Accelerator.MaxGatherRows} a device gather can index");
        long bytes = Bytes(samples, sampleSize), budget = device.MemoryBytes / 4;
        if (bytes > budget)
            return Host($"the split needs {Megabytes(bytes)}, more than a quarter of the device's {Megabytes(device.MemoryBytes)}");
        return new SplitResidence(true, $"{Megabytes(bytes)} of the device's {Megabytes(device.MemoryBytes)}");
    }

    /// <summary>Device bytes a split kept there takes: its images, one label and one order entry per sample (floats).</summary>
    public static long Bytes(int samples, int sampleSize) => (long)samples * (sampleSize + 2) * sizeof(float);

    /// <summary>"device gather" or "host copy": the path's short name (`gpuae bench train`).</summary>
    public string Path => OnDevice ? "device gather" : "host copy";

    /// <summary>The line a training log prints.</summary>
    public string Describe() => OnDevice
        ? $"batches: gathered on the device from the training split kept there ({Reason}); no upload per step"
        : $"batches: copied from the host and uploaded every step ({Reason})";

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:F0} MB";
}
