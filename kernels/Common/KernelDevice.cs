using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Common;

/// <summary>
/// The ILGPU accelerator a family's launchers run on, the stream every op is queued on (one
/// stream keeps ops in order), and the launch count (launches per training step decide
/// small-model speed on a GPU). Owned by GpuAE.Compute's IlgpuAccelerator; launchers only read it.
/// </summary>
public sealed class KernelDevice(Accelerator accelerator, AcceleratorStream stream)
{
    public Accelerator Accelerator { get; } = accelerator;

    public AcceleratorStream Stream { get; set; } = stream;

    /// <summary>Kernels launched so far.</summary>
    public long Launches { get; private set; }

    /// <summary>The largest work-group the device runs.</summary>
    public int MaxGroupSize => Accelerator.MaxNumThreadsPerGroup;

    public bool IsCuda => Accelerator.AcceleratorType == AcceleratorType.Cuda;

    /// <summary>Counts one launch that is not a kernel of ours (a recorded step graph's replay).</summary>
    public void CountLaunch() => Launches++;

    /// <summary>Counts one launch; every launcher calls it right before it launches.</summary>
    public AcceleratorStream Launch()
    {
        Launches++;
        return Stream;
    }

    /// <summary>Groups of `group` items covering n items (at least one group).</summary>
    public static KernelConfig Cover(long n, int group)
    {
        long groups = Math.Max(1, (n + group - 1) / group);
        if (groups > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(n), $"{n} work-items do not fit one launch");
        return new KernelConfig((int)groups, group);
    }
}
