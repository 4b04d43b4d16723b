namespace GpuAE.Compute.Kernels;

/// <summary>Channel bias and sum, max-pooling and upsampling: kernels/spatial.cl.</summary>
public abstract partial class KernelAccelerator
{
    private readonly KernelSlot _addChannelBias = new("spatial.cl", "add_channel_bias");
    private readonly KernelSlot _sumChannels = new("spatial.cl", "sum_channels");
    private readonly KernelSlot _maxPoolForward = new("spatial.cl", "maxpool2d_forward");
    private readonly KernelSlot _maxPoolBackward = new("spatial.cl", "maxpool2d_backward");
    private readonly KernelSlot _upsampleForward = new("spatial.cl", "upsample2d_forward");
    private readonly KernelSlot _upsampleBackward = new("spatial.cl", "upsample2d_backward");

    protected override void AddChannelBiasCore(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels)
    {
        long total = CheckPlanes(nameof(AddChannelBias), batch, channels, pixels);
        Need(y, total, nameof(AddChannelBias), "y"); Need(bias, channels, nameof(AddChannelBias), "bias");
        if (total == 0) return;
        Begin(nameof(AddChannelBias), "batch={0} channels={1} pixels={2}", batch, channels, pixels);
        Launch1D(_addChannelBias, (int)total, [y, bias, (int)total, channels, pixels]);
    }

    protected override void SumChannelsCore(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta)
    {
        long total = CheckPlanes(nameof(SumChannels), batch, channels, pixels);
        Need(x, total, nameof(SumChannels), "x"); Need(sums, channels, nameof(SumChannels), "sums");
        if (channels == 0) return;
        Begin(nameof(SumChannels), "batch={0} channels={1} pixels={2}", batch, channels, pixels);
        LaunchPerRow(_sumChannels, channels, [x, sums, batch, channels, pixels, beta]);
    }

    protected override void MaxPool2dForwardCore(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode)
    {
        var (oh, ow) = CheckPool(nameof(MaxPool2dForward), input, output, indices, planes, height, width, ceilMode);
        Launch1D(_maxPoolForward, planes * oh * ow, [input, output, indices, planes, height, width, oh, ow]);
    }

    protected override void MaxPool2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode)
    {
        var (oh, ow) = CheckPool(nameof(MaxPool2dBackward), inputGradient, outputGradient, indices, planes, height, width, ceilMode);
        Launch1D(_maxPoolBackward, planes * height * width, [outputGradient, indices, inputGradient, planes, height, width, oh, ow]);
    }

    protected override void Upsample2dForwardCore(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width)
    {
        long pixels = CheckPlanes(nameof(Upsample2dForward), planes, height, width, factor: 4);
        Need(input, pixels, nameof(Upsample2dForward), "input"); Need(output, 4 * pixels, nameof(Upsample2dForward), "output");
        if (pixels == 0) return;
        Begin(nameof(Upsample2dForward), "planes={0} height={1} width={2}", planes, height, width);
        Launch1D(_upsampleForward, (int)(4 * pixels), [input, output, planes, height, width]);
    }

    protected override void Upsample2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width)
    {
        long pixels = CheckPlanes(nameof(Upsample2dBackward), planes, height, width, factor: 4);
        Need(outputGradient, 4 * pixels, nameof(Upsample2dBackward), "outputGradient"); Need(inputGradient, pixels, nameof(Upsample2dBackward), "inputGradient");
        if (pixels == 0) return;
        Begin(nameof(Upsample2dBackward), "planes={0} height={1} width={2}", planes, height, width);
        Launch1D(_upsampleBackward, (int)pixels, [outputGradient, inputGradient, planes, height, width]);
    }

    /// <summary>Rejects negative sizes and tensors (times factor) past int indexing; returns the element count.</summary>
    private static long CheckPlanes(string op, int a, int b, int c, int factor = 1)
    {
        if (a < 0 || b < 0 || c < 0) throw new ArgumentOutOfRangeException(nameof(a), $"{op}: sizes must be >= 0, got {a}, {b}, {c}");
        long total = (long)a * b * c;
        if (total * factor > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(a), $"{op}: {a}x{b}x{c} elements do not fit the kernels' int indexing");
        return total;
    }

    /// <summary>Checks a max-pool's buffers (the full-size one, the pooled one, the indices) and returns the pooled size.</summary>
    private (int, int) CheckPool(string op, DeviceBuffer full, DeviceBuffer pooled, DeviceBuffer indices, int planes, int height, int width, bool ceilMode)
    {
        CheckPlanes(op, planes, height, width);
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        if (planes <= 0 || oh <= 0 || ow <= 0)
            throw new ArgumentException($"{op}: {planes} planes of {height}x{width} leave nothing to pool");
        Need(full, (long)planes * height * width, op, "input");
        Need(pooled, (long)planes * oh * ow, op, "output");
        Need(indices, (long)planes * oh * ow, op, "indices");
        Begin(op, "planes={0} height={1} width={2}", planes, height, width);
        return (oh, ow);
    }
}
