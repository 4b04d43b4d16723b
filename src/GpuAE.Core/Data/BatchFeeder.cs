using GpuAE.Compute;

namespace GpuAE.Data;

/// <summary>
/// Gathers a batch of images (in a shuffled order) into one pinned host array and uploads it to
/// a device buffer allocated once: the only host-to-device traffic of a training step.
/// </summary>
public sealed class BatchFeeder : IDisposable
{
    private readonly Dataset _data;
    private readonly float[] _host;
    private readonly float[] _labels;
    private readonly int _pixels;

    public BatchFeeder(Accelerator accelerator, Dataset data, int maxBatch)
    {
        _data = data;
        _pixels = data.Height * data.Width;
        _host = GC.AllocateArray<float>(maxBatch * _pixels, pinned: true);
        _labels = new float[maxBatch];
        Images = accelerator.Allocate(maxBatch * _pixels);
        Labels = accelerator.Allocate(maxBatch);
    }

    public DeviceBuffer Images { get; }
    public DeviceBuffer Labels { get; }

    /// <summary>Uploads samples order[start .. start+rows) and returns rows.</summary>
    public int Load(ReadOnlySpan<int> order, int start, int rows, bool withLabels = false)
    {
        for (int i = 0; i < rows; i++)
        {
            int index = order[start + i];
            _data.Images.AsSpan(index * _pixels, _pixels).CopyTo(_host.AsSpan(i * _pixels, _pixels));
            _labels[i] = _data.Labels[index];
        }
        Images.Upload(_host.AsSpan(0, rows * _pixels));
        if (withLabels) Labels.Upload(_labels.AsSpan(0, rows));
        return rows;
    }

    /// <summary>Uploads the contiguous samples [start, start+rows) (evaluation keeps dataset order).</summary>
    public int LoadRange(int start, int rows, bool withLabels = false)
    {
        Images.Upload(_data.Images.AsSpan(start * _pixels, rows * _pixels));
        if (withLabels)
        {
            for (int i = 0; i < rows; i++) _labels[i] = _data.Labels[start + i];
            Labels.Upload(_labels.AsSpan(0, rows));
        }
        return rows;
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
