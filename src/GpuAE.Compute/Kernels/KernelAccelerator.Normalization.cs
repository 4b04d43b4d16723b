using GpuAE.Kernels.Dropout;

namespace GpuAE.Compute.Kernels;

/// <summary>Batch normalisation and dropout: kernels/normalization.cl.</summary>
public abstract partial class KernelAccelerator
{
    private readonly KernelSlot _batchNormTraining = new("normalization.cl", "batchnorm2d_forward_training");
    private readonly KernelSlot _batchNormInference = new("normalization.cl", "batchnorm2d_forward_inference");
    private readonly KernelSlot _batchNormBackward = new("normalization.cl", "batchnorm2d_backward");
    private readonly KernelSlot _dropoutForward = new("normalization.cl", "dropout_forward");
    private readonly KernelSlot _dropoutBackward = new("normalization.cl", "dropout_backward");

    protected override void BatchNorm2dForwardTrainingCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon)
    {
        const string op = nameof(BatchNorm2dForwardTraining);
        CheckBatchNorm(op, x, y, batch, channels, pixels);
        Need(gamma, channels, op, "gamma"); Need(beta, channels, op, "beta");
        Need(runningMean, channels, op, "runningMean"); Need(runningVar, channels, op, "runningVar");
        Need(savedMean, channels, op, "savedMean"); Need(savedInvStd, channels, op, "savedInvStd");
        LaunchPerRow(_batchNormTraining, channels,
            [x, y, gamma, beta, runningMean, runningVar, savedMean, savedInvStd, batch, channels, pixels, momentum, epsilon]);
    }

    protected override void BatchNorm2dForwardInferenceCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon)
    {
        const string op = nameof(BatchNorm2dForwardInference);
        int total = CheckBatchNorm(op, x, y, batch, channels, pixels);
        Need(gamma, channels, op, "gamma"); Need(beta, channels, op, "beta");
        Need(runningMean, channels, op, "runningMean"); Need(runningVar, channels, op, "runningVar");
        Launch1D(_batchNormInference, total, [x, y, gamma, beta, runningMean, runningVar, total, channels, pixels, epsilon]);
    }

    protected override void BatchNorm2dBackwardCore(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels)
    {
        const string op = nameof(BatchNorm2dBackward);
        CheckBatchNorm(op, x, outputGradient, batch, channels, pixels);
        Need(inputGradient, (long)batch * channels * pixels, op, "inputGradient");
        Need(gamma, channels, op, "gamma"); Need(savedMean, channels, op, "savedMean"); Need(savedInvStd, channels, op, "savedInvStd");
        Need(gammaGradient, channels, op, "gammaGradient"); Need(betaGradient, channels, op, "betaGradient");
        LaunchPerRow(_batchNormBackward, channels,
            [x, outputGradient, gamma, savedMean, savedInvStd, inputGradient, gammaGradient, betaGradient, batch, channels, pixels]);
    }

    /// <summary>Positive sizes (a channel's statistics need at least one element) within int indexing; returns the element count.</summary>
    private int CheckBatchNorm(string op, DeviceBuffer x, DeviceBuffer y, int batch, int channels, int pixels)
    {
        if (batch <= 0 || channels <= 0 || pixels <= 0)
            throw new ArgumentException($"{op}: sizes must be positive (batch {batch}, channels {channels}, pixels {pixels})");
        long total = (long)batch * channels * pixels;
        if (total > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(batch), $"{op}: {total} elements do not fit the kernels' int indexing");
        Need(x, total, op, "x"); Need(y, total, op, "y");
        Begin(op, "batch={0} channels={1} pixels={2}", batch, channels, pixels);
        return (int)total;
    }

    protected override void DropoutForwardCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step)
    {
        const string op = nameof(DropoutForward);
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), $"{op}: rate must be in [0, 1), got {rate}");
        NonNegative(n, op, "n"); Need(x, n, op, "x"); Need(y, n, op, "y"); Need(mask, n, op, "mask");
        if (n == 0) return;
        Begin(op, "n={0} step={1}", n, (int)step);
        // One work-item per Philox block of four elements.
        Launch1D(_dropoutForward, (int)(((long)n + 3) / 4), [x, y, mask, n, rate, DropoutMask.Scale(rate), (uint)seed, (uint)(seed >> 32), step]);
    }

    protected override void DropoutBackwardCore(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n)
    {
        const string op = nameof(DropoutBackward);
        NonNegative(n, op, "n"); Need(outputGradient, n, op, "outputGradient"); Need(mask, n, op, "mask"); Need(inputGradient, n, op, "inputGradient");
        if (n == 0) return;
        Begin(op, "n={0}", n);
        Launch1D(_dropoutBackward, n, [outputGradient, mask, inputGradient, n]);
    }
}
