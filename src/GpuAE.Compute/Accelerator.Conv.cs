namespace GpuAE.Compute;

/// <summary>
/// The convolutional op set (NCHW, one sample after another): convolution, channel bias,
/// 2x2 max-pooling, x2 upsampling, batch normalisation and dropout.
/// A transposed convolution needs no ops of its own: its forward pass is
/// <see cref="Conv2dBackwardData"/> of its adjoint convolution, its input gradient is
/// <see cref="Conv2dForward"/>, and its weight gradient is <see cref="Conv2dBackwardWeights"/>
/// with input and output gradient swapped.
/// </summary>
public abstract partial class Accelerator
{
    /// <summary>Rows (or columns) a 2x2 stride-2 max-pool leaves of `size`: floor or ceil of size / 2.</summary>
    public static int MaxPoolOutputSize(int size, bool ceilMode) => ceilMode ? (size + 1) / 2 : size / 2;

    /// <summary>
    /// output = f(conv(input, weights) + bias[c]): the bias on every output channel c when one is
    /// given, then the activation f (Identity: none). One op, so that a device can finish the
    /// output while it is still in cache or registers; the same numbers as conv, then
    /// <see cref="AddChannelBias"/>, then <see cref="ActivationForward"/>. Output is overwritten.
    /// With upsampledInput the conv reads the x2 nearest upsampling of input (a quarter of g's
    /// input size; g describes the upsampled planes): <see cref="Upsample2dForward"/> fused in,
    /// so a device can upsample each sample where the conv reads it instead of writing it out.
    /// </summary>
    public void Conv2dForward(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output, DeviceBuffer? bias = null,
        ActivationKind activation = ActivationKind.Identity, float alpha = 0f, bool upsampledInput = false, ConvPool? pool = null)
    {
        CheckConv(nameof(Conv2dForward), g, input, weights, output, upsampledInput, pool);
        if (bias is not null) Need(bias, g.OutChannels, nameof(Conv2dForward), "bias");
        CheckActivation(activation, nameof(Conv2dForward));
        ShapesSeen?.Add(Tuning.ShapeKey.Conv(Tuning.TunedOp.ConvForward, g));
        if (ShapesOnly) return;
        lock (_gate)
        {
            EnterConv(nameof(Conv2dForward), g);
            try { Conv2dForwardCore(g, input, weights, output, bias, activation, alpha, upsampledInput, pool); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// inputGradient = d(loss)/d(input) from outputGradient; overwritten. With upsampledInput it
    /// is the gradient of the buffer the forward pass upsampled (<see cref="Upsample2dBackward"/>
    /// fused in). A ReLU gate (that input, when a ReLU made it) zeroes it where the gate is not
    /// positive: the ReLU's backward pass in the same op.
    /// </summary>
    public void Conv2dBackwardData(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient,
        bool upsampledInput = false, DeviceBuffer? reluGate = null, ConvPool? pool = null)
    {
        CheckConv(nameof(Conv2dBackwardData), g, inputGradient, weights, outputGradient, upsampledInput, pool);
        if (reluGate is not null) Need(reluGate, (long)g.Batch * g.InputSize / (upsampledInput ? 4 : 1), nameof(Conv2dBackwardData), "reluGate");
        ShapesSeen?.Add(Tuning.ShapeKey.Conv(Tuning.TunedOp.ConvBackwardData, g));
        if (ShapesOnly) return;
        lock (_gate)
        {
            EnterConv(nameof(Conv2dBackwardData), g);
            try { Conv2dBackwardDataCore(g, outputGradient, weights, inputGradient, upsampledInput, reluGate, pool); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// weightGradient = sum over the batch of d(loss)/d(weights), and biasGradient (when given) =
    /// the output gradient summed per channel (the same as <see cref="SumChannels"/>, read in the
    /// same pass where the device can); both overwritten. With upsampledInput, input is upsampled
    /// x2 as <see cref="Conv2dForward"/> reads it.
    /// </summary>
    public void Conv2dBackwardWeights(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient, DeviceBuffer? biasGradient = null,
        bool upsampledInput = false, ConvPool? pool = null)
    {
        CheckConv(nameof(Conv2dBackwardWeights), g, input, weightGradient, outputGradient, upsampledInput, pool);
        if (biasGradient is not null) Need(biasGradient, g.OutChannels, nameof(Conv2dBackwardWeights), "bias gradient");
        ShapesSeen?.Add(Tuning.ShapeKey.Conv(Tuning.TunedOp.ConvBackwardWeights, g));
        if (ShapesOnly) return;
        lock (_gate)
        {
            EnterConv(nameof(Conv2dBackwardWeights), g);
            try { Conv2dBackwardWeightsCore(g, input, outputGradient, weightGradient, biasGradient, upsampledInput, pool); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void Conv2dForwardCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output, DeviceBuffer? bias,
        ActivationKind activation, float alpha, bool upsampledInput, ConvPool? pool);
    protected abstract void Conv2dBackwardDataCore(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient,
        bool upsampledInput, DeviceBuffer? reluGate, ConvPool? pool);
    protected abstract void Conv2dBackwardWeightsCore(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient, DeviceBuffer? biasGradient,
        bool upsampledInput, ConvPool? pool);

    /// <summary>
    /// Checks a conv's geometry and buffers; an upsampled input holds a quarter of g's input (g's
    /// planes then have even sides), and with a pool the output (or its gradient) and the
    /// indices hold the pooled planes.
    /// </summary>
    private void CheckConv(string op, in Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output, bool upsampledInput = false, ConvPool? pool = null)
    {
        g.Validate();
        if ((long)g.Batch * Math.Max(g.InputSize, g.OutputSize) > int.MaxValue || (long)g.InChannels * g.Kernel * g.Kernel * g.OutChannels > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(g), $"{op}: {g} does not fit int indexing");
        if (upsampledInput && (g.InHeight % 2 != 0 || g.InWidth % 2 != 0))
            throw new ArgumentException($"{op}: an upsampled input needs even sides, got {g.InHeight}x{g.InWidth}");
        Need(input, (long)g.Batch * g.InputSize / (upsampledInput ? 4 : 1), op, "input");
        Need(weights, g.WeightCount, op, "weights");
        if (pool is null) { Need(output, (long)g.Batch * g.OutputSize, op, "output"); return; }
        long pooled = (long)g.Batch * g.OutChannels * MaxPoolOutputSize(g.OutHeight, pool.CeilMode) * MaxPoolOutputSize(g.OutWidth, pool.CeilMode);
        if (pooled == 0) throw new ArgumentException($"{op}: a {g.OutHeight}x{g.OutWidth} output leaves nothing to pool");
        Need(output, pooled, op, "pooled output");
        Need(pool.Indices, pooled, op, "pool indices");
        if (pool.Gate is not null) Need(pool.Gate, pooled, op, "pool gate");
        CheckActivation(pool.Activation, op);
    }

    private void EnterConv(string op, in Conv2dGeometry g) => Enter(op, "batch={0} {1}->{2} channels", g.Batch, g.InChannels, g.OutChannels);

    // ---- Channel bias ---------------------------------------------------------------------------

    /// <summary>y[n, c, p] += bias[c] for y [batch, channels, pixels].</summary>
    public void AddChannelBias(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels)
    {
        long total = Elements(nameof(AddChannelBias), batch, channels, pixels);
        Need(y, total, nameof(AddChannelBias), "y"); Need(bias, channels, nameof(AddChannelBias), "bias");
        if (total == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(AddChannelBias), "batch={0} channels={1} pixels={2}", batch, channels, pixels);
            try { AddChannelBiasCore(y, bias, batch, channels, pixels); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>sums[c] = beta * sums[c] + sum over n and p of x[n, c, p] (channel bias gradients).</summary>
    public void SumChannels(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta)
    {
        long total = Elements(nameof(SumChannels), batch, channels, pixels);
        Need(x, total, nameof(SumChannels), "x"); Need(sums, channels, nameof(SumChannels), "sums");
        if (channels == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(SumChannels), "batch={0} channels={1} pixels={2}", batch, channels, pixels);
            try { SumChannelsCore(x, sums, batch, channels, pixels, beta); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void AddChannelBiasCore(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels);
    protected abstract void SumChannelsCore(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta);

    // ---- Pooling and upsampling -----------------------------------------------------------------

    /// <summary>
    /// 2x2 max-pooling with stride 2 over `planes` = batch x channels planes of height x width.
    /// Floor mode drops a trailing odd row/column, ceil mode pools it alone. indices[o] holds the
    /// winning input position within its plane (row * width + column) as a float, first maximum wins.
    /// </summary>
    public void MaxPool2dForward(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode)
    {
        CheckPool(nameof(MaxPool2dForward), input, output, indices, planes, height, width, ceilMode);
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(MaxPool2dForward), "planes={0} height={1} width={2}", planes, height, width);
            try { MaxPool2dForwardCore(input, output, indices, planes, height, width, ceilMode); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// inputGradient = outputGradient routed to the saved argmax positions, zero elsewhere;
    /// overwritten. A ReLU gate (the pool's output, when a ReLU made its input) passes a window's
    /// gradient only where the gate is positive: that ReLU's backward pass in the same op (the
    /// ReLU's output at the argmax is the pooled value), with the same numbers as the two apart.
    /// </summary>
    public void MaxPool2dBackward(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode,
        DeviceBuffer? reluGate = null)
    {
        CheckPool(nameof(MaxPool2dBackward), inputGradient, outputGradient, indices, planes, height, width, ceilMode);
        if (reluGate is not null) Need(reluGate, (long)planes * MaxPoolOutputSize(height, ceilMode) * MaxPoolOutputSize(width, ceilMode), nameof(MaxPool2dBackward), "reluGate");
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(MaxPool2dBackward), "planes={0} height={1} width={2}", planes, height, width);
            try { MaxPool2dBackwardCore(outputGradient, indices, inputGradient, planes, height, width, ceilMode, reluGate); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>Nearest-neighbour x2 upsampling of `planes` planes of height x width into 2height x 2width.</summary>
    public void Upsample2dForward(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width)
    {
        long pixels = Elements(nameof(Upsample2dForward), planes, height, width, factor: 4);
        Need(input, pixels, nameof(Upsample2dForward), "input"); Need(output, 4 * pixels, nameof(Upsample2dForward), "output");
        if (pixels == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(Upsample2dForward), "planes={0} height={1} width={2}", planes, height, width);
            try { Upsample2dForwardCore(input, output, planes, height, width); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// inputGradient[h, w] = sum of the 2x2 output gradients it was copied to; overwritten. A ReLU
    /// gate (the upsample's input, when a ReLU made it) zeroes the sum where the gate is not
    /// positive: that ReLU's backward pass in the same op.
    /// </summary>
    public void Upsample2dBackward(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width, DeviceBuffer? reluGate = null)
    {
        long pixels = Elements(nameof(Upsample2dBackward), planes, height, width, factor: 4);
        Need(outputGradient, 4 * pixels, nameof(Upsample2dBackward), "outputGradient"); Need(inputGradient, pixels, nameof(Upsample2dBackward), "inputGradient");
        if (reluGate is not null) Need(reluGate, pixels, nameof(Upsample2dBackward), "reluGate");
        if (pixels == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(Upsample2dBackward), "planes={0} height={1} width={2}", planes, height, width);
            try { Upsample2dBackwardCore(outputGradient, inputGradient, planes, height, width, reluGate); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void MaxPool2dForwardCore(DeviceBuffer input, DeviceBuffer output, DeviceBuffer indices, int planes, int height, int width, bool ceilMode);
    protected abstract void MaxPool2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer indices, DeviceBuffer inputGradient, int planes, int height, int width, bool ceilMode,
        DeviceBuffer? reluGate);
    protected abstract void Upsample2dForwardCore(DeviceBuffer input, DeviceBuffer output, int planes, int height, int width);
    protected abstract void Upsample2dBackwardCore(DeviceBuffer outputGradient, DeviceBuffer inputGradient, int planes, int height, int width, DeviceBuffer? reluGate);

    /// <summary>Checks a max-pool's buffers (the full-size one, the pooled one, the indices).</summary>
    private void CheckPool(string op, DeviceBuffer full, DeviceBuffer pooled, DeviceBuffer indices, int planes, int height, int width, bool ceilMode)
    {
        Elements(op, planes, height, width);
        int oh = MaxPoolOutputSize(height, ceilMode), ow = MaxPoolOutputSize(width, ceilMode);
        if (planes <= 0 || oh <= 0 || ow <= 0)
            throw new ArgumentException($"{op}: {planes} planes of {height}x{width} leave nothing to pool");
        Need(full, (long)planes * height * width, op, "input");
        Need(pooled, (long)planes * oh * ow, op, "output");
        Need(indices, (long)planes * oh * ow, op, "indices");
    }

    // ---- Batch normalisation --------------------------------------------------------------------

    /// <summary>
    /// Batch normalisation with batch statistics over [batch, channels, pixels]: per channel the
    /// mean and biased variance over batch x pixels; y = gamma (x - mean) / sqrt(var + eps) + beta.
    /// Saves mean and 1/sqrt(var + eps) for backward and updates the running statistics as
    /// PyTorch does: r = (1 - momentum) r + momentum s, with the unbiased variance for runningVar.
    /// </summary>
    public void BatchNorm2dForwardTraining(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon)
    {
        const string op = nameof(BatchNorm2dForwardTraining);
        CheckBatchNorm(op, x, y, batch, channels, pixels);
        Need(gamma, channels, op, "gamma"); Need(beta, channels, op, "beta");
        Need(runningMean, channels, op, "runningMean"); Need(runningVar, channels, op, "runningVar");
        Need(savedMean, channels, op, "savedMean"); Need(savedInvStd, channels, op, "savedInvStd");
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(op, "batch={0} channels={1} pixels={2}", batch, channels, pixels);
            try { BatchNorm2dForwardTrainingCore(x, y, gamma, beta, runningMean, runningVar, savedMean, savedInvStd, batch, channels, pixels, momentum, epsilon); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>y = gamma (x - runningMean) / sqrt(runningVar + eps) + beta.</summary>
    public void BatchNorm2dForwardInference(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon)
    {
        const string op = nameof(BatchNorm2dForwardInference);
        CheckBatchNorm(op, x, y, batch, channels, pixels);
        Need(gamma, channels, op, "gamma"); Need(beta, channels, op, "beta");
        Need(runningMean, channels, op, "runningMean"); Need(runningVar, channels, op, "runningVar");
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(op, "batch={0} channels={1} pixels={2}", batch, channels, pixels);
            try { BatchNorm2dForwardInferenceCore(x, y, gamma, beta, runningMean, runningVar, batch, channels, pixels, epsilon); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// Gradients of the training-mode forward pass from its saved statistics: dGamma, dBeta and
    /// dx are overwritten (dx = gamma invStd / M (M dy - sum dy - xhat sum(dy xhat)), M = batch x pixels).
    /// </summary>
    public void BatchNorm2dBackward(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels)
    {
        const string op = nameof(BatchNorm2dBackward);
        CheckBatchNorm(op, x, outputGradient, batch, channels, pixels);
        Need(inputGradient, (long)batch * channels * pixels, op, "inputGradient");
        Need(gamma, channels, op, "gamma"); Need(savedMean, channels, op, "savedMean"); Need(savedInvStd, channels, op, "savedInvStd");
        Need(gammaGradient, channels, op, "gammaGradient"); Need(betaGradient, channels, op, "betaGradient");
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(op, "batch={0} channels={1} pixels={2}", batch, channels, pixels);
            try { BatchNorm2dBackwardCore(x, outputGradient, gamma, savedMean, savedInvStd, inputGradient, gammaGradient, betaGradient, batch, channels, pixels); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void BatchNorm2dForwardTrainingCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon);

    protected abstract void BatchNorm2dForwardInferenceCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon);

    protected abstract void BatchNorm2dBackwardCore(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels);

    /// <summary>Positive sizes (a channel's statistics need at least one element) within int indexing.</summary>
    private void CheckBatchNorm(string op, DeviceBuffer x, DeviceBuffer y, int batch, int channels, int pixels)
    {
        if (batch <= 0 || channels <= 0 || pixels <= 0)
            throw new ArgumentException($"{op}: sizes must be positive (batch {batch}, channels {channels}, pixels {pixels})");
        long total = Elements(op, batch, channels, pixels);
        Need(x, total, op, "x"); Need(y, total, op, "y");
    }

    // ---- Dropout --------------------------------------------------------------------------------

    /// <summary>
    /// Inverted dropout: mask[i] = 0 with probability rate, else 1 / (1 - rate); y = x * mask.
    /// Element i is dropped when ToUniform(Philox(i / 4, step, 0, 6; seed)[i % 4]) &lt; rate, so the
    /// mask depends only on (seed, step, i) and is the same on every device (see DropoutMask in kernels/Dropout).
    /// </summary>
    public void DropoutForward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), $"{nameof(DropoutForward)}: rate must be in [0, 1), got {rate}");
        NonNegative(n, nameof(DropoutForward), "n");
        Need(x, n, nameof(DropoutForward), "x"); Need(y, n, nameof(DropoutForward), "y"); Need(mask, n, nameof(DropoutForward), "mask");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(DropoutForward), "n={0}", n);
            try { DropoutForwardCore(x, y, mask, n, rate, seed, step); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>dx = dy * mask.</summary>
    public void DropoutBackward(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n)
    {
        NonNegative(n, nameof(DropoutBackward), "n");
        Need(outputGradient, n, nameof(DropoutBackward), "outputGradient"); Need(mask, n, nameof(DropoutBackward), "mask");
        Need(inputGradient, n, nameof(DropoutBackward), "inputGradient");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(DropoutBackward), "n={0}", n);
            try { DropoutBackwardCore(outputGradient, mask, inputGradient, n); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void DropoutForwardCore(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step);
    protected abstract void DropoutBackwardCore(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n);
}

/// <summary>
/// A 2x2 stride-2 max-pool fused onto a conv's output (after its bias and activation). Forward
/// then writes the pooled planes to the op's output and their argmax positions to Indices (as
/// <see cref="Accelerator.MaxPool2dForward"/>); the backward passes read the pooled planes'
/// gradient and route it through Indices (as <see cref="Accelerator.MaxPool2dBackward"/>); with a
/// Gate (the pooled output, when the conv's Activation made it) the gradient also goes through
/// that activation's derivative at each window's output: its backward pass, exact, because the
/// activation's output at the argmax is the pooled value. Where a device fuses it, the full-size
/// output never reaches memory.
/// </summary>
public sealed record ConvPool(DeviceBuffer Indices, bool CeilMode, DeviceBuffer? Gate = null, ActivationKind Activation = ActivationKind.Relu, float Alpha = 0f);
