using GpuAE.Compute;

namespace GpuAE.Metrics;

/// <summary>
/// A running loss sum kept on the device: training steps add their per-row losses without a
/// host round trip, and the host reads the total only when it reports (progress, epoch end).
/// </summary>
public sealed class DeviceLossTotal : IDisposable
{
    private readonly Accelerator _acc;
    private readonly DeviceBuffer _total;
    private readonly float[] _host = new float[1];

    public DeviceLossTotal(Accelerator accelerator)
    {
        _acc = accelerator;
        _total = accelerator.Allocate(1);
        Reset();
    }

    /// <summary>Starts again from zero without reading the total.</summary>
    public void Reset() => _acc.Fill(_total, 1, 0f);

    /// <summary>Adds the first `rows` values of a per-row loss buffer.</summary>
    public void Add(DeviceBuffer rowLoss, int rows) => _acc.AccumulateSum(rowLoss, rows, _total, 0);

    /// <summary>Reads the total without clearing it.</summary>
    public double Peek()
    {
        _acc.Download(_total, _host);
        return _host[0];
    }

    /// <summary>Reads the total and starts again from zero.</summary>
    public double Take()
    {
        double total = Peek();
        Reset();
        return total;
    }

    public void Dispose() => _total.Dispose();
}
