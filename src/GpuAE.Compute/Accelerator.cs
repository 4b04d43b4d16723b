namespace GpuAE.Compute;

/// <summary>
/// One compute device and the op set that layers, losses and optimizers call (in ILGPU's
/// shape: a context opens accelerators, an accelerator allocates buffers and runs kernels).
/// Every op is asynchronous with respect to the host on GPU accelerators and ordered on one
/// queue; <see cref="Download"/> and <see cref="Synchronize"/> wait.
///
/// Conventions shared by all ops:
/// - matrices are row-major; a batch of samples is a [rows, cols] matrix, one sample per row;
/// - counts are passed explicitly, so a buffer sized for the largest batch serves smaller ones;
/// - the CPU accelerator is the reference implementation that OpenCL and CUDA are tested against.
/// </summary>
public abstract partial class Accelerator : IDisposable
{
    protected Accelerator(DeviceInfo info)
    {
        Info = info;
    }

    public DeviceInfo Info { get; }

    public AcceleratorType Type => Info.Type;

    public string Name => Info.Name;

    /// <summary>Which variant each hot op runs (e.g. gemm=tiled). Set from `--kernels`.</summary>
    public KernelSelection Kernels { get; } = new();

    /// <summary>Bytes currently allocated through this accelerator, and the peak so far.</summary>
    public long AllocatedBytes { get; private set; }
    public long PeakAllocatedBytes { get; private set; }

    /// <summary>Number of buffers allocated so far (a training step must not add to it).</summary>
    public long AllocationCount { get; private set; }

    public DeviceBuffer Allocate(int length)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"buffer length must be positive, got {length}");
        var buffer = AllocateCore(length);
        AllocationCount++;
        AllocatedBytes += buffer.SizeInBytes;
        PeakAllocatedBytes = Math.Max(PeakAllocatedBytes, AllocatedBytes);
        return buffer;
    }

    public DeviceBuffer Allocate(ReadOnlySpan<float> contents)
    {
        var buffer = Allocate(contents.Length);
        Upload(contents, buffer);
        return buffer;
    }

    protected abstract DeviceBuffer AllocateCore(int length);

    /// <summary>Called by buffers when they are released, to keep the byte count honest.</summary>
    protected internal void OnReleased(DeviceBuffer buffer) => AllocatedBytes -= buffer.SizeInBytes;

    public abstract void Upload(ReadOnlySpan<float> source, DeviceBuffer destination, int offset = 0);

    public abstract void Download(DeviceBuffer source, Span<float> destination, int offset = 0);

    /// <summary>Waits until every op queued so far has finished.</summary>
    public abstract void Synchronize();

    // ---- Memory ops -----------------------------------------------------------------------

    /// <summary>x[0..n) = value.</summary>
    public abstract void Fill(DeviceBuffer x, int n, float value);

    /// <summary>dst[dstOffset + i] = src[srcOffset + i] for i in [0, n).</summary>
    public abstract void Copy(DeviceBuffer source, int sourceOffset, DeviceBuffer destination, int destinationOffset, int n);

    // ---- Linear algebra -------------------------------------------------------------------

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C with C [m, n] and op(A) [m, k], op(B) [k, n], all
    /// row-major and densely packed (A is [m,k] or, transposed, [k,m]; likewise B).
    /// beta = 0 overwrites C without reading it.
    /// </summary>
    public abstract void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c);

    /// <summary>y[r, c] += bias[c] for a [rows, cols] matrix.</summary>
    public abstract void AddRowVector(DeviceBuffer y, DeviceBuffer bias, int rows, int cols);

    /// <summary>sums[c] = beta * sums[c] + sum over r of x[r, c] (bias gradients).</summary>
    public abstract void SumRows(DeviceBuffer x, DeviceBuffer sums, int rows, int cols, float beta);

    /// <summary>y[i] += alpha * x[i] for i in [0, n) (residual sums, gradient accumulation).</summary>
    public abstract void Axpy(DeviceBuffer x, DeviceBuffer y, int n, float alpha);

    // ---- Activations ----------------------------------------------------------------------

    /// <summary>y = f(x) element-wise; alpha is LeakyReLU's negative slope.</summary>
    public abstract void ActivationForward(ActivationKind kind, float alpha, DeviceBuffer x, DeviceBuffer y, int n);

    /// <summary>dx = dy * f'(x), with f' written in terms of the forward output y (x is not kept).</summary>
    public abstract void ActivationBackward(ActivationKind kind, float alpha, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n);

    // ---- Losses: each writes the gradient (times scale) and a per-row loss sum ----------------

    /// <summary>rowLoss[r] = sum_c (p - t)^2; grad = scale * 2 (p - t).</summary>
    public abstract void MseLoss(DeviceBuffer prediction, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale);

    /// <summary>
    /// Binary cross-entropy from logits z against targets t in [0,1], stable for any z:
    /// rowLoss[r] = sum_c max(z,0) - z t + log(1 + exp(-|z|)); grad = scale * (sigmoid(z) - t).
    /// </summary>
    public abstract void BceWithLogitsLoss(DeviceBuffer logits, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale);

    /// <summary>
    /// Softmax cross-entropy over `classes` logits per row, labels given as class indices stored
    /// as floats: rowLoss[r] = -log softmax(z)[label]; grad = scale * (softmax(z) - onehot).
    /// </summary>
    public abstract void SoftmaxCrossEntropyLoss(DeviceBuffer logits, DeviceBuffer labels, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int classes, float scale);

    /// <summary>total[index] += sum of values[0..n) (loss and metric accumulators stay on the device).</summary>
    public abstract void AccumulateSum(DeviceBuffer values, int n, DeviceBuffer total, int index);

    // ---- Optimizers ---------------------------------------------------------------------------

    /// <summary>v = momentum v + (g + wd w); w -= lr v. With momentum 0 this is plain SGD.</summary>
    public abstract void SgdUpdate(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer velocity, int n, float learningRate, float momentum, float weightDecay);

    /// <summary>Adam (Kingma and Ba) with bias correction for step t (1-based).</summary>
    public abstract void AdamUpdate(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer m, DeviceBuffer v, int n, float learningRate, float beta1, float beta2, float epsilon, int step);

    /// <summary>
    /// Adadelta (Zeiler 2012, as PyTorch): E[g^2] = rho E[g^2] + (1 - rho) g^2;
    /// delta = sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g; E[dx^2] = rho E[dx^2] + (1 - rho) delta^2;
    /// w -= lr delta.
    /// </summary>
    public abstract void AdadeltaUpdate(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer squaredGradientAverage, DeviceBuffer squaredUpdateAverage,
        int n, float learningRate, float rho, float epsilon);

    // ---- Noise and metrics -------------------------------------------------------------------

    /// <summary>
    /// noisy = corrupt(clean) for `images` images of height x width, drawn from the Philox
    /// stream keyed by seed and counted by (pixel, firstSample + image, epoch); see
    /// <see cref="NoiseSampler"/>, which is the reference every device must match bit for bit.
    /// </summary>
    public abstract void ApplyNoise(DeviceBuffer clean, DeviceBuffer noisy, int images, int height, int width,
        NoiseParameters noise, ulong seed, uint epoch, uint firstSample);

    /// <summary>
    /// Per-image quality of `test` against `reference`: mse[i] = mean squared error, ssim[i] =
    /// mean SSIM over the valid 11x11 Gaussian windows (sigma 1.5, K1 0.01, K2 0.03, range 1).
    /// </summary>
    public abstract void ImageQuality(DeviceBuffer reference, DeviceBuffer test, int images, int height, int width,
        DeviceBuffer mse, DeviceBuffer ssim);

    /// <summary>The variants this accelerator has for an op (e.g. "gemm"), default first.</summary>
    public virtual IReadOnlyList<string> KernelVariants(string op) => [];

    /// <summary>
    /// Milliseconds the device spent on the ops `work` queues. The default waits for the queue
    /// around a host stopwatch; GPU accelerators override it with device-side timers (events).
    /// </summary>
    public virtual double Time(Action work)
    {
        Synchronize();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        work();
        Synchronize();
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    public override string ToString() => $"{Info.Name} ({Info.Runtime})";
}
