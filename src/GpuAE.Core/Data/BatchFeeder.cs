using GpuAE.Compute;

namespace GpuAE.Data;

/// <summary>
/// Puts a batch of samples (in a shuffled order, or a contiguous range) into two device buffers
/// allocated once, <see cref="Images"/> and <see cref="Labels"/>, by one of two paths
/// (<see cref="Residence"/> says which):
/// - host copy: the batch's samples are copied into one pinned host array and uploaded, once per
///   step: the managed CPU accelerator's path, and the fallback for a split too large to keep on
///   the device;
/// - device gather: the whole split's images and labels are uploaded once, each epoch's order
///   once, and each step gathers its rows on the device (<see cref="Accelerator.GatherRows"/>,
///   one launch, two for a classifier's labels): no host copy and no upload per step.
/// Both put the same floats in the buffers, so a run trains bit for bit the same either way.
/// </summary>
public sealed class BatchFeeder : IDisposable
{
    private readonly Dataset _data;
    private readonly int _pixels;
    private readonly float[]? _host, _labels;
    private readonly DeviceSplit? _split;

    /// <summary>A feeder on the host path unless <paramref name="residence"/> keeps the split on the device.</summary>
    public BatchFeeder(Accelerator accelerator, Dataset data, int maxBatch, SplitResidence? residence = null)
    {
        _data = data;
        _pixels = data.SampleSize;
        Residence = residence ?? SplitResidence.Host("not a training split");
        if (Residence.OnDevice) _split = new DeviceSplit(accelerator, data);
        else
        {
            _host = GC.AllocateArray<float>(maxBatch * _pixels, pinned: true);
            _labels = new float[maxBatch];
        }
        Images = accelerator.Allocate(maxBatch * _pixels);
        Labels = accelerator.Allocate(maxBatch);
    }

    public DeviceBuffer Images { get; }
    public DeviceBuffer Labels { get; }

    /// <summary>Which path this feeder takes, and why.</summary>
    public SplitResidence Residence { get; }

    /// <summary>Puts samples order[start .. start+rows) into the batch buffers and returns rows.</summary>
    public int Load(ReadOnlySpan<int> order, int start, int rows, bool withLabels = false)
    {
        if (_split is not null)
        {
            _split.Gather(order, start, rows, Images, withLabels ? Labels : null);
            return rows;
        }
        var host = _host!; var labels = _labels!;
        for (int i = 0; i < rows; i++)
        {
            int index = order[start + i];
            _data.Images.AsSpan(index * _pixels, _pixels).CopyTo(host.AsSpan(i * _pixels, _pixels));
            labels[i] = _data.Labels[index];
        }
        Images.Upload(host.AsSpan(0, rows * _pixels));
        if (withLabels) Labels.Upload(labels.AsSpan(0, rows));
        return rows;
    }

    /// <summary>Puts the contiguous samples [start, start+rows) into the batch buffers (evaluation keeps dataset order).</summary>
    public int LoadRange(int start, int rows, bool withLabels = false)
    {
        if (_split is not null)
        {
            _split.CopyRange(start, rows, Images, withLabels ? Labels : null);
            return rows;
        }
        Images.Upload(_data.Images.AsSpan(start * _pixels, rows * _pixels));
        if (withLabels)
        {
            var labels = _labels!;
            for (int i = 0; i < rows; i++) labels[i] = _data.Labels[start + i];
            Labels.Upload(labels.AsSpan(0, rows));
        }
        return rows;
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
        _split?.Dispose();
    }

    /// <summary>
    /// A split kept on the device: its images and labels (uploaded once) and the order steps
    /// gather by (uploaded when it changes: once per epoch). The order on the device is mirrored
    /// on the host, and a step compares only its own rows of the two (a vectorised compare of
    /// batch-many ints), so any order array a caller passes is gathered right, with no contract
    /// on when orders change.
    /// </summary>
    private sealed class DeviceSplit : IDisposable
    {
        private readonly Accelerator _acc;
        private readonly int _count, _pixels;
        private readonly DeviceBuffer _images, _labels, _order;
        private readonly int[] _orderOnDevice;
        private readonly float[] _orderStaging;

        public DeviceSplit(Accelerator acc, Dataset data)
        {
            _acc = acc;
            _count = data.Count;
            _pixels = data.SampleSize;
            var held = new List<DeviceBuffer>(3);
            try // a device that runs out of memory part way keeps nothing
            {
                held.Add(_images = acc.Allocate(data.Images));
                held.Add(_labels = acc.Allocate(Array.ConvertAll(data.Labels, l => (float)l)));
                held.Add(_order = acc.Allocate(_count));
            }
            catch
            {
                foreach (var buffer in held) buffer.Dispose();
                throw;
            }
            _orderOnDevice = new int[_count];
            Array.Fill(_orderOnDevice, -1); // no order uploaded yet: the first step's compare fails
            _orderStaging = new float[_count];
        }

        public void Gather(ReadOnlySpan<int> order, int start, int rows, DeviceBuffer images, DeviceBuffer? labels)
        {
            if (!order.Slice(start, rows).SequenceEqual(_orderOnDevice.AsSpan(start, rows))) Upload(order);
            _acc.GatherRows(_images, _count, _pixels, _order, start, rows, images);
            if (labels is not null) _acc.GatherRows(_labels, _count, 1, _order, start, rows, labels);
        }

        public void CopyRange(int start, int rows, DeviceBuffer images, DeviceBuffer? labels)
        {
            _acc.Copy(_images, start * _pixels, images, 0, rows * _pixels);
            if (labels is not null) _acc.Copy(_labels, start, labels, 0, rows);
        }

        /// <summary>
        /// Checks every index and uploads the order as floats: a sample outside the split is the
        /// same error as on the host path (the kernel would quietly gather a row of NaN).
        /// </summary>
        private void Upload(ReadOnlySpan<int> order)
        {
            if (order.Length > _count) throw new ArgumentException($"an order of {order.Length} samples for a split of {_count}", nameof(order));
            for (int i = 0; i < order.Length; i++)
            {
                if ((uint)order[i] >= (uint)_count)
                    throw new ArgumentOutOfRangeException(nameof(order), $"order entry {i} is sample {order[i]}, outside the split's 0..{_count - 1}");
                _orderStaging[i] = order[i];
            }
            _acc.Upload(_orderStaging.AsSpan(0, order.Length), _order);
            order.CopyTo(_orderOnDevice);
        }

        public void Dispose()
        {
            _images.Dispose();
            _labels.Dispose();
            _order.Dispose();
        }
    }
}
