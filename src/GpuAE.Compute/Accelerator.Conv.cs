namespace GpuAE.Compute;

/// <summary>
/// The convolutional op set (NCHW, one sample after another). Each op is virtual and throws
/// NotSupportedException until an accelerator implements it, so accelerators can add them one
/// at a time; the CPU accelerator implements all of them and is the reference.
/// A transposed convolution needs no ops of its own: its forward pass is
/// <see cref="Conv2dBackwardData"/> of its adjoint convolution, its input gradient is
/// <see cref="Conv2dForward"/>, and its weight gradient is <see cref="Conv2dBackwardWeights"/>
/// with input and output gradient swapped.
/// </summary>
public abstract partial class Accelerator
{
    /// <summary>Rows (or columns) a 2x2 stride-2 max-pool leaves of `size`: floor or ceil of size / 2.</summary>
    public static int MaxPoolOutputSize(int size, bool ceilMode) => ceilMode ? (size + 1) / 2 : size / 2;

    private NotSupportedException NotYet(string op) => new($"{op} is not implemented on {Info.Spec} yet");

    /// <summary>output = conv(input, weights), no bias (add it with <see cref="AddChannelBias"/>); output is overwritten.</summary>
    public virtual void Conv2dForward(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output) =>
        throw NotYet("conv2d forward");

    /// <summary>inputGradient = d(loss)/d(input) from outputGradient; overwritten.</summary>
    public virtual void Conv2dBackwardData(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient) =>
        throw NotYet("conv2d backward data");

    /// <summary>weightGradient = sum over the batch of d(loss)/d(weights); overwritten.</summary>
    public virtual void Conv2dBackwardWeights(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient) =>
        throw NotYet("conv2d backward weights");

    /// <summary>y[n, c, p] += bias[c] for y [batch, channels, pixels].</summary>
    public virtual void AddChannelBias(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels) =>
        throw NotYet("channel bias");

    /// <summary>sums[c] = beta * sums[c] + sum over n and p of x[n, c, p] (channel bias gradients).</summary>
    public virtual void SumChannels(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta) =>
        throw NotYet("channel sum");

    /// <summary>
    /// 2x2 max-pooling with stride 2 over `planes` = batch x channels planes of height x width.
    /// Floor mode drops a trailing odd row/column, ceil mode pools it alone. indices[o] holds the
    /// winning input position within its plane (row * width + column) as a float, first maximum wins.
    /// </summary>
    public virtual void MaxPool2dForward(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode) =>
        throw NotYet("maxpool2d forward");

    /// <summary>inputGradient = outputGradient routed to the saved argmax positions, zero elsewhere; overwritten.</summary>
    public virtual void MaxPool2dBackward(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode) =>
        throw NotYet("maxpool2d backward");

    /// <summary>Nearest-neighbour x2 upsampling of `planes` planes of height x width into 2height x 2width.</summary>
    public virtual void Upsample2dForward(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width) =>
        throw NotYet("upsample2d forward");

    /// <summary>inputGradient[h, w] = sum of the 2x2 output gradients it was copied to; overwritten.</summary>
    public virtual void Upsample2dBackward(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width) =>
        throw NotYet("upsample2d backward");

    /// <summary>
    /// Batch normalisation with batch statistics over [batch, channels, pixels]: per channel the
    /// mean and biased variance over batch x pixels; y = gamma (x - mean) / sqrt(var + eps) + beta.
    /// Saves mean and 1/sqrt(var + eps) for backward and updates the running statistics as
    /// PyTorch does: r = (1 - momentum) r + momentum s, with the unbiased variance for runningVar.
    /// </summary>
    public virtual void BatchNorm2dForwardTraining(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon) =>
        throw NotYet("batchnorm2d forward (training)");

    /// <summary>y = gamma (x - runningMean) / sqrt(runningVar + eps) + beta.</summary>
    public virtual void BatchNorm2dForwardInference(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon) =>
        throw NotYet("batchnorm2d forward (inference)");

    /// <summary>
    /// Gradients of the training-mode forward pass from its saved statistics: dGamma, dBeta and
    /// dx are overwritten (dx = gamma invStd / M (M dy - sum dy - xhat sum(dy xhat)), M = batch x pixels).
    /// </summary>
    public virtual void BatchNorm2dBackward(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels) =>
        throw NotYet("batchnorm2d backward");

    /// <summary>
    /// Inverted dropout: mask[i] = 0 with probability rate, else 1 / (1 - rate); y = x * mask.
    /// Element i is dropped when ToUniform(Philox(i / 4, step, 0, 6; seed)[i % 4]) &lt; rate, so the
    /// mask depends only on (seed, step, i) and is the same on every device (see <see cref="DropoutMask"/>).
    /// </summary>
    public virtual void DropoutForward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step) =>
        throw NotYet("dropout forward");

    /// <summary>dx = dy * mask.</summary>
    public virtual void DropoutBackward(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n) =>
        throw NotYet("dropout backward");
}
