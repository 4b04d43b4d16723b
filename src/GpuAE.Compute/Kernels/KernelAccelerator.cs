namespace GpuAE.Compute.Kernels;

/// <summary>
/// The op -> kernel dispatch shared by the OpenCL and CUDA accelerators: every op of
/// <see cref="Accelerator"/> validated on the host, then launched as the kernels in kernels/*.cl
/// with the geometry of <see cref="KernelTuning"/>. A runtime supplies buffers, kernel loading
/// (built once per file, lazily) and launches. Steady-state ops allocate nothing on the host.
/// </summary>
public abstract partial class KernelAccelerator : Accelerator
{
    private readonly KernelSlot _fill = new("elementwise.cl", "fill");
    private readonly KernelSlot _copy = new("elementwise.cl", "copy");
    private readonly KernelSlot _addRowVector = new("elementwise.cl", "add_row_vector");
    private readonly KernelSlot _sumRows = new("elementwise.cl", "sum_rows");
    private readonly KernelSlot _axpy = new("elementwise.cl", "axpy");
    private readonly KernelSlot _activationForward = new("elementwise.cl", "activation_forward");
    private readonly KernelSlot _activationBackward = new("elementwise.cl", "activation_backward");
    private readonly KernelSlot _sgd = new("elementwise.cl", "sgd_update");
    private readonly KernelSlot _adam = new("elementwise.cl", "adam_update");
    private readonly KernelSlot _adadelta = new("elementwise.cl", "adadelta_update");
    private readonly KernelSlot _mse = new("loss.cl", "mse_loss");
    private readonly KernelSlot _bce = new("loss.cl", "bce_with_logits_loss");
    private readonly KernelSlot _softmax = new("loss.cl", "softmax_cross_entropy_loss");
    private readonly KernelSlot _accumulate = new("loss.cl", "accumulate_sum");
    private readonly KernelSlot _noise = new("noise.cl", "apply_noise");
    private readonly KernelSlot _quality = new("quality.cl", "image_quality");

    /// <summary>The op being run, for error messages ("Gemm m=.. n=.. k=.."); set without allocating.</summary>
    private string _op = "";
    private string _shapeFormat = "";
    private int _shape0, _shape1, _shape2;

    protected KernelAccelerator(DeviceInfo info, KernelTuning? tuning = null) : base(info)
    {
        Tuning = tuning ?? KernelTuning.Default;
        Tuning.Validate();
    }

    public KernelTuning Tuning { get; }

    /// <summary>Compiles (or fetches from cache) the file if needed and returns a handle to one of its kernels.</summary>
    protected abstract nint LoadKernel(string file, string entry);

    /// <summary>
    /// Queues kernel over a (globalX, globalY) range of work-items in (localX, localY) groups;
    /// global sizes are multiples of the local ones.
    /// </summary>
    protected abstract void Launch(nint kernel, int globalX, int globalY, int localX, int localY, ReadOnlySpan<KernelArg> args);

    /// <summary>"Gemm (m=3 n=5 k=7) on &lt;device&gt;", for the messages of runtime failures.</summary>
    protected string CurrentOperation
    {
        get
        {
            string shape = _shapeFormat.Length == 0 ? "" : " (" + string.Format(_shapeFormat, _shape0, _shape1, _shape2) + ")";
            return $"{(_op.Length == 0 ? "device call" : _op)}{shape} on {Name}";
        }
    }

    private void Begin(string op, string shapeFormat, int a = 0, int b = 0, int c = 0)
    {
        _op = op; _shapeFormat = shapeFormat; _shape0 = a; _shape1 = b; _shape2 = c;
    }

    /// <summary>Marks host-side transfers (upload/download) for error messages.</summary>
    protected void BeginTransfer(string op, int count) => Begin(op, "n={0}", count);

    private nint Kernel(KernelSlot slot) => slot.Handle != 0 ? slot.Handle : slot.Handle = LoadKernel(slot.File, slot.Entry);

    /// <summary>value rounded up to a multiple; a launch wider than int.MaxValue items is refused with a clear message.</summary>
    private int RoundUp(int value, int multiple)
    {
        long rounded = ((long)value + multiple - 1) / multiple * multiple;
        if (rounded > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(value), $"{CurrentOperation}: {value} work-items do not fit one launch");
        return (int)rounded;
    }

    private void Launch1D(KernelSlot slot, int n, ReadOnlySpan<KernelArg> args)
    {
        int group = Tuning.ElementwiseGroup;
        Launch(Kernel(slot), RoundUp(n, group), 1, group, 1, args);
    }

    /// <summary>One work-group of ReduceGroup items per row (losses, image quality).</summary>
    private void LaunchPerRow(KernelSlot slot, int rows, ReadOnlySpan<KernelArg> args)
    {
        long items = (long)rows * Tuning.ReduceGroup;
        if (items > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(rows), $"{CurrentOperation}: {rows} rows do not fit one launch");
        Launch(Kernel(slot), (int)items, 1, Tuning.ReduceGroup, 1, args);
    }

    // ---- Argument checks: what a CPU span would catch, as one-line messages -------------------

    // ---- Memory ops -------------------------------------------------------------------------

    protected override void FillCore(DeviceBuffer x, int n, float value)
    {
        NonNegative(n, nameof(Fill), "n"); Need(x, n, nameof(Fill), "x");
        if (n == 0) return;
        Begin(nameof(Fill), "n={0}", n);
        Launch1D(_fill, n, [x, n, value]);
    }

    protected override void CopyCore(DeviceBuffer source, int sourceOffset, DeviceBuffer destination, int destinationOffset, int n)
    {
        NonNegative(n, nameof(Copy), "n"); NonNegative(sourceOffset, nameof(Copy), "sourceOffset"); NonNegative(destinationOffset, nameof(Copy), "destinationOffset");
        Need(source, (long)sourceOffset + n, nameof(Copy), "source"); Need(destination, (long)destinationOffset + n, nameof(Copy), "destination");
        if (n == 0) return;
        Begin(nameof(Copy), "n={0} from {1} to {2}", n, sourceOffset, destinationOffset);
        Launch1D(_copy, n, [source, sourceOffset, destination, destinationOffset, n]);
    }

    // ---- Linear algebra ---------------------------------------------------------------------

    protected override void AddRowVectorCore(DeviceBuffer y, DeviceBuffer bias, int rows, int cols)
    {
        NonNegative(rows, nameof(AddRowVector), "rows"); NonNegative(cols, nameof(AddRowVector), "cols");
        Need(y, (long)rows * cols, nameof(AddRowVector), "y"); Need(bias, cols, nameof(AddRowVector), "bias");
        if (rows == 0 || cols == 0) return;
        Begin(nameof(AddRowVector), "rows={0} cols={1}", rows, cols);
        Launch1D(_addRowVector, rows * cols, [y, bias, rows, cols]);
    }

    protected override void SumRowsCore(DeviceBuffer x, DeviceBuffer sums, int rows, int cols, float beta)
    {
        NonNegative(rows, nameof(SumRows), "rows"); NonNegative(cols, nameof(SumRows), "cols");
        Need(x, (long)rows * cols, nameof(SumRows), "x"); Need(sums, cols, nameof(SumRows), "sums");
        if (cols == 0) return;
        Begin(nameof(SumRows), "rows={0} cols={1}", rows, cols);
        Launch1D(_sumRows, cols, [x, sums, rows, cols, beta]);
    }

    protected override void AxpyCore(DeviceBuffer x, DeviceBuffer y, int n, float alpha)
    {
        NonNegative(n, nameof(Axpy), "n"); Need(x, n, nameof(Axpy), "x"); Need(y, n, nameof(Axpy), "y");
        if (n == 0) return;
        Begin(nameof(Axpy), "n={0}", n);
        Launch1D(_axpy, n, [x, y, n, alpha]);
    }

    // ---- Activations ------------------------------------------------------------------------

    protected override void ActivationForwardCore(ActivationKind kind, float alpha, DeviceBuffer x, DeviceBuffer y, int n)
    {
        CheckActivation(kind, nameof(ActivationForward));
        NonNegative(n, nameof(ActivationForward), "n"); Need(x, n, nameof(ActivationForward), "x"); Need(y, n, nameof(ActivationForward), "y");
        if (n == 0) return;
        Begin(nameof(ActivationForward), "n={0}", n);
        Launch1D(_activationForward, n, [(int)kind, alpha, x, y, n]);
    }

    protected override void ActivationBackwardCore(ActivationKind kind, float alpha, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n)
    {
        CheckActivation(kind, nameof(ActivationBackward));
        NonNegative(n, nameof(ActivationBackward), "n");
        Need(y, n, nameof(ActivationBackward), "y"); Need(dy, n, nameof(ActivationBackward), "dy"); Need(dx, n, nameof(ActivationBackward), "dx");
        if (n == 0) return;
        Begin(nameof(ActivationBackward), "n={0}", n);
        Launch1D(_activationBackward, n, [(int)kind, alpha, y, dy, dx, n]);
    }

    private static void CheckActivation(ActivationKind kind, string op)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{op}: unknown activation {kind}");
    }

    // ---- Losses -----------------------------------------------------------------------------

    protected override void MseLossCore(DeviceBuffer prediction, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale) =>
        RowLoss(_mse, nameof(MseLoss), prediction, target, gradient, rowLoss, rows, cols, scale, cols);

    protected override void BceWithLogitsLossCore(DeviceBuffer logits, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale) =>
        RowLoss(_bce, nameof(BceWithLogitsLoss), logits, target, gradient, rowLoss, rows, cols, scale, cols);

    protected override void SoftmaxCrossEntropyLossCore(DeviceBuffer logits, DeviceBuffer labels, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int classes, float scale) =>
        RowLoss(_softmax, nameof(SoftmaxCrossEntropyLoss), logits, labels, gradient, rowLoss, rows, classes, scale, 1);

    /// <summary>The three losses share a shape: inputs [rows, cols], a target of targetCols per row.</summary>
    private void RowLoss(KernelSlot slot, string op, DeviceBuffer input, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss,
        int rows, int cols, float scale, int targetCols)
    {
        NonNegative(rows, op, "rows"); NonNegative(cols, op, "cols");
        long elements = (long)rows * cols;
        Need(input, elements, op, "input"); Need(target, (long)rows * targetCols, op, "target");
        Need(gradient, elements, op, "gradient"); Need(rowLoss, rows, op, "rowLoss");
        if (rows == 0) return;
        if (cols == 0) throw new ArgumentOutOfRangeException(nameof(cols), $"{op}: needs at least one column");
        Begin(op, "rows={0} cols={1}", rows, cols);
        LaunchPerRow(slot, rows, [input, target, gradient, rowLoss, cols, scale]);
    }

    protected override void AccumulateSumCore(DeviceBuffer values, int n, DeviceBuffer total, int index)
    {
        NonNegative(n, nameof(AccumulateSum), "n"); NonNegative(index, nameof(AccumulateSum), "index");
        Need(values, n, nameof(AccumulateSum), "values"); Need(total, (long)index + 1, nameof(AccumulateSum), "total");
        if (n == 0) return;
        Begin(nameof(AccumulateSum), "n={0} index={1}", n, index);
        Launch(Kernel(_accumulate), Tuning.ReduceGroup, 1, Tuning.ReduceGroup, 1, [values, n, total, index]);
    }

    // ---- Optimizers -------------------------------------------------------------------------

    protected override void SgdUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer velocity, int n, float learningRate, float momentum, float weightDecay)
    {
        NonNegative(n, nameof(SgdUpdate), "n");
        Need(weights, n, nameof(SgdUpdate), "weights"); Need(gradient, n, nameof(SgdUpdate), "gradient"); Need(velocity, n, nameof(SgdUpdate), "velocity");
        if (n == 0) return;
        Begin(nameof(SgdUpdate), "n={0}", n);
        Launch1D(_sgd, n, [weights, gradient, velocity, n, learningRate, momentum, weightDecay]);
    }

    protected override void AdamUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer m, DeviceBuffer v, int n, float learningRate, float beta1, float beta2, float epsilon, float c1, float c2)
    {
        Begin(nameof(AdamUpdate), "n={0}", n);
        Launch1D(_adam, n, [weights, gradient, m, v, n, learningRate, beta1, beta2, epsilon, c1, c2]);
    }

    protected override void AdadeltaUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer squaredGradientAverage, DeviceBuffer squaredUpdateAverage,
        int n, float learningRate, float rho, float epsilon)
    {
        NonNegative(n, nameof(AdadeltaUpdate), "n");
        Need(weights, n, nameof(AdadeltaUpdate), "weights"); Need(gradient, n, nameof(AdadeltaUpdate), "gradient");
        Need(squaredGradientAverage, n, nameof(AdadeltaUpdate), "squaredGradientAverage");
        Need(squaredUpdateAverage, n, nameof(AdadeltaUpdate), "squaredUpdateAverage");
        if (n == 0) return;
        Begin(nameof(AdadeltaUpdate), "n={0}", n);
        Launch1D(_adadelta, n, [weights, gradient, squaredGradientAverage, squaredUpdateAverage, n, learningRate, rho, epsilon]);
    }

    // ---- Noise and metrics ------------------------------------------------------------------

    protected override void ApplyNoiseCore(DeviceBuffer clean, DeviceBuffer noisy, int images, int height, int width,
        NoiseParameters noise, ulong seed, uint epoch, uint firstSample)
    {
        NonNegative(images, nameof(ApplyNoise), "images"); NonNegative(height, nameof(ApplyNoise), "height"); NonNegative(width, nameof(ApplyNoise), "width");
        if (!Enum.IsDefined(noise.Kind)) throw new ArgumentOutOfRangeException(nameof(noise), $"{nameof(ApplyNoise)}: unknown noise kind {noise.Kind}");
        long elements = (long)images * height * width;
        Need(clean, elements, nameof(ApplyNoise), "clean"); Need(noisy, elements, nameof(ApplyNoise), "noisy");
        if (elements == 0) return;
        Begin(nameof(ApplyNoise), "images={0} height={1} width={2}", images, height, width);
        Launch1D(_noise, (int)elements, [clean, noisy, images, height, width, (int)noise.Kind, noise.Level,
            (uint)seed, (uint)(seed >> 32), epoch, firstSample]);
    }

    protected override void ImageQualityCore(DeviceBuffer reference, DeviceBuffer test, int images, int height, int width, DeviceBuffer mse, DeviceBuffer ssim)
    {
        NonNegative(images, nameof(ImageQuality), "images");
        int window = GpuAE.Kernels.Quality.CpuImageQuality.Window;
        if (height < window || width < window)
            throw new ArgumentException($"SSIM needs images of at least {window}x{window}, got {height}x{width}");
        long elements = (long)images * height * width;
        Need(reference, elements, nameof(ImageQuality), "reference"); Need(test, elements, nameof(ImageQuality), "test");
        Need(mse, images, nameof(ImageQuality), "mse"); Need(ssim, images, nameof(ImageQuality), "ssim");
        if (images == 0) return;
        Begin(nameof(ImageQuality), "images={0} height={1} width={2}", images, height, width);
        LaunchPerRow(_quality, images, [reference, test, height, width, mse, ssim]);
    }

    /// <summary>A kernel a field names, resolved to a runtime handle on first use.</summary>
    private sealed class KernelSlot(string file, string entry)
    {
        public string File { get; } = file;
        public string Entry { get; } = entry;
        public nint Handle { get; set; }
    }
}
