namespace GpuAE.Compute;

/// <summary>
/// The dense op set: memory, linear algebra, activations, losses, optimizers, noise and image
/// quality. Each public op checks its arguments, returns early when there is nothing to do, and
/// runs the backend's ...Core under the accelerator's gate.
/// </summary>
public abstract partial class Accelerator
{
    // ---- Memory ops -----------------------------------------------------------------------

    /// <summary>x[0..n) = value.</summary>
    public void Fill(DeviceBuffer x, int n, float value)
    {
        NonNegative(n, nameof(Fill), "n"); Need(x, n, nameof(Fill), "x");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(Fill), "n={0}", n);
            try { FillCore(x, n, value); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>dst[dstOffset + i] = src[srcOffset + i] for i in [0, n).</summary>
    public void Copy(DeviceBuffer source, int sourceOffset, DeviceBuffer destination, int destinationOffset, int n)
    {
        NonNegative(n, nameof(Copy), "n"); NonNegative(sourceOffset, nameof(Copy), "sourceOffset"); NonNegative(destinationOffset, nameof(Copy), "destinationOffset");
        Need(source, (long)sourceOffset + n, nameof(Copy), "source"); Need(destination, (long)destinationOffset + n, nameof(Copy), "destination");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(Copy), "n={0} from {1} to {2}", n, sourceOffset, destinationOffset);
            try { CopyCore(source, sourceOffset, destination, destinationOffset, n); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// destination[r, c] = source[order[start + r], c] for r in [0, rows), c in [0, cols): the rows
    /// of a [sourceRows, cols] matrix named by indices stored as floats (whole numbers, exact below
    /// <see cref="MaxGatherRows"/>). A training step gathers its batch from a split kept on the
    /// device this way, in one launch. An index that names no row writes a row of NaN on every device.
    /// </summary>
    public void GatherRows(DeviceBuffer source, int sourceRows, int cols, DeviceBuffer order, int start, int rows, DeviceBuffer destination)
    {
        long total = Elements(nameof(GatherRows), rows, cols, 1);
        Elements(nameof(GatherRows), sourceRows, cols, 1);
        NonNegative(start, nameof(GatherRows), "start");
        if (sourceRows > MaxGatherRows) throw new ArgumentOutOfRangeException(nameof(sourceRows), $"{nameof(GatherRows)}: {sourceRows} source rows; float indices are exact only up to {MaxGatherRows}");
        Need(source, (long)sourceRows * cols, nameof(GatherRows), "source"); Need(order, (long)start + rows, nameof(GatherRows), "order");
        Need(destination, total, nameof(GatherRows), "destination");
        if (total == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(GatherRows), "rows={0} cols={1} of {2}", rows, cols, sourceRows);
            try { GatherRowsCore(source, sourceRows, cols, order, start, rows, destination); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>The most rows <see cref="GatherRows"/> can pick from: 2^24, the last whole number a float holds exactly with all below it.</summary>
    public const int MaxGatherRows = 1 << 24;

    protected abstract void FillCore(DeviceBuffer x, int n, float value);
    protected abstract void CopyCore(DeviceBuffer source, int sourceOffset, DeviceBuffer destination, int destinationOffset, int n);
    protected abstract void GatherRowsCore(DeviceBuffer source, int sourceRows, int cols, DeviceBuffer order, int start, int rows, DeviceBuffer destination);

    // ---- Linear algebra -------------------------------------------------------------------

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C with C [m, n] and op(A) [m, k], op(B) [k, n], all
    /// row-major and densely packed (A is [m,k] or, transposed, [k,m]; likewise B).
    /// beta = 0 overwrites C without reading it.
    /// </summary>
    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c)
    {
        NonNegative(m, nameof(Gemm), "m"); NonNegative(n, nameof(Gemm), "n"); NonNegative(k, nameof(Gemm), "k");
        Need(a, (long)m * k, nameof(Gemm), "a"); Need(b, (long)k * n, nameof(Gemm), "b"); Need(c, (long)m * n, nameof(Gemm), "c");
        if (m == 0 || n == 0) return;
        ShapesSeen?.Add(Tuning.ShapeKey.Gemm(transposeA, transposeB, m, n, k));
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(Gemm), "m={0} n={1} k={2}", m, n, k);
            try { GemmCore(transposeA, transposeB, m, n, k, alpha, a, b, beta, c); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>y[r, c] += bias[c] for a [rows, cols] matrix.</summary>
    public void AddRowVector(DeviceBuffer y, DeviceBuffer bias, int rows, int cols)
    {
        long total = Elements(nameof(AddRowVector), rows, cols, 1);
        Need(y, total, nameof(AddRowVector), "y"); Need(bias, cols, nameof(AddRowVector), "bias");
        if (total == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(AddRowVector), "rows={0} cols={1}", rows, cols);
            try { AddRowVectorCore(y, bias, rows, cols); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>sums[c] = beta * sums[c] + sum over r of x[r, c] (bias gradients).</summary>
    public void SumRows(DeviceBuffer x, DeviceBuffer sums, int rows, int cols, float beta)
    {
        long total = Elements(nameof(SumRows), rows, cols, 1);
        Need(x, total, nameof(SumRows), "x"); Need(sums, cols, nameof(SumRows), "sums");
        if (cols == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(SumRows), "rows={0} cols={1}", rows, cols);
            try { SumRowsCore(x, sums, rows, cols, beta); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>y[i] += alpha * x[i] for i in [0, n) (residual sums, gradient accumulation).</summary>
    public void Axpy(DeviceBuffer x, DeviceBuffer y, int n, float alpha)
    {
        NonNegative(n, nameof(Axpy), "n"); Need(x, n, nameof(Axpy), "x"); Need(y, n, nameof(Axpy), "y");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(Axpy), "n={0}", n);
            try { AxpyCore(x, y, n, alpha); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void GemmCore(bool transposeA, bool transposeB, int m, int n, int k, float alpha, DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c);
    protected abstract void AddRowVectorCore(DeviceBuffer y, DeviceBuffer bias, int rows, int cols);
    protected abstract void SumRowsCore(DeviceBuffer x, DeviceBuffer sums, int rows, int cols, float beta);
    protected abstract void AxpyCore(DeviceBuffer x, DeviceBuffer y, int n, float alpha);

    // ---- Activations ----------------------------------------------------------------------

    /// <summary>y = f(x) element-wise; alpha is LeakyReLU's negative slope.</summary>
    public void ActivationForward(ActivationKind kind, float alpha, DeviceBuffer x, DeviceBuffer y, int n)
    {
        CheckActivation(kind, nameof(ActivationForward));
        NonNegative(n, nameof(ActivationForward), "n"); Need(x, n, nameof(ActivationForward), "x"); Need(y, n, nameof(ActivationForward), "y");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(ActivationForward), "n={0}", n);
            try { ActivationForwardCore(kind, alpha, x, y, n); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>dx = dy * f'(x), with f' written in terms of the forward output y (x is not kept).</summary>
    public void ActivationBackward(ActivationKind kind, float alpha, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n)
    {
        CheckActivation(kind, nameof(ActivationBackward));
        NonNegative(n, nameof(ActivationBackward), "n");
        Need(y, n, nameof(ActivationBackward), "y"); Need(dy, n, nameof(ActivationBackward), "dy"); Need(dx, n, nameof(ActivationBackward), "dx");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(ActivationBackward), "n={0}", n);
            try { ActivationBackwardCore(kind, alpha, y, dy, dx, n); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void ActivationForwardCore(ActivationKind kind, float alpha, DeviceBuffer x, DeviceBuffer y, int n);
    protected abstract void ActivationBackwardCore(ActivationKind kind, float alpha, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n);

    // ---- Losses: each writes the gradient (times scale) and a per-row loss sum ----------------

    /// <summary>rowLoss[r] = sum_c (p - t)^2; grad = scale * 2 (p - t).</summary>
    public void MseLoss(DeviceBuffer prediction, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale)
    {
        if (!CheckRowLoss(nameof(MseLoss), prediction, target, gradient, rowLoss, rows, cols, cols) || ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(MseLoss), "rows={0} cols={1}", rows, cols);
            try { MseLossCore(prediction, target, gradient, rowLoss, rows, cols, scale); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// Binary cross-entropy from logits z against targets t in [0,1], stable for any z:
    /// rowLoss[r] = sum_c max(z,0) - z t + log(1 + exp(-|z|)); grad = scale * (sigmoid(z) - t).
    /// </summary>
    public void BceWithLogitsLoss(DeviceBuffer logits, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale)
    {
        if (!CheckRowLoss(nameof(BceWithLogitsLoss), logits, target, gradient, rowLoss, rows, cols, cols) || ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(BceWithLogitsLoss), "rows={0} cols={1}", rows, cols);
            try { BceWithLogitsLossCore(logits, target, gradient, rowLoss, rows, cols, scale); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// Softmax cross-entropy over `classes` logits per row, labels given as class indices stored
    /// as floats: rowLoss[r] = -log softmax(z)[label]; grad = scale * (softmax(z) - onehot).
    /// A label outside [0, classes) makes that row's loss NaN on every device.
    /// </summary>
    public void SoftmaxCrossEntropyLoss(DeviceBuffer logits, DeviceBuffer labels, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int classes, float scale)
    {
        if (!CheckRowLoss(nameof(SoftmaxCrossEntropyLoss), logits, labels, gradient, rowLoss, rows, classes, 1) || ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(SoftmaxCrossEntropyLoss), "rows={0} classes={1}", rows, classes);
            try { SoftmaxCrossEntropyLossCore(logits, labels, gradient, rowLoss, rows, classes, scale); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>total[index] += sum of values[0..n) (loss and metric accumulators stay on the device).</summary>
    public void AccumulateSum(DeviceBuffer values, int n, DeviceBuffer total, int index)
    {
        NonNegative(n, nameof(AccumulateSum), "n"); NonNegative(index, nameof(AccumulateSum), "index");
        Need(values, n, nameof(AccumulateSum), "values"); Need(total, (long)index + 1, nameof(AccumulateSum), "total");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(AccumulateSum), "n={0} index={1}", n, index);
            try { AccumulateSumCore(values, n, total, index); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>The three losses share a shape: inputs [rows, cols], a target of targetCols per row. False when there is nothing to do.</summary>
    private bool CheckRowLoss(string op, DeviceBuffer input, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, int targetCols)
    {
        long elements = Elements(op, rows, cols, 1);
        Need(input, elements, op, "input"); Need(target, (long)rows * targetCols, op, "target");
        Need(gradient, elements, op, "gradient"); Need(rowLoss, rows, op, "rowLoss");
        if (rows == 0) return false;
        if (cols == 0) throw new ArgumentOutOfRangeException(nameof(cols), $"{op}: needs at least one column");
        return true;
    }

    protected abstract void MseLossCore(DeviceBuffer prediction, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale);
    protected abstract void BceWithLogitsLossCore(DeviceBuffer logits, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale);
    protected abstract void SoftmaxCrossEntropyLossCore(DeviceBuffer logits, DeviceBuffer labels, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int classes, float scale);
    protected abstract void AccumulateSumCore(DeviceBuffer values, int n, DeviceBuffer total, int index);

    // ---- Optimizers ---------------------------------------------------------------------------

    /// <summary>v = momentum v + (g + wd w); w -= lr v. With momentum 0 this is plain SGD.</summary>
    public void SgdUpdate(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer velocity, int n, float learningRate, float momentum, float weightDecay)
    {
        NonNegative(n, nameof(SgdUpdate), "n");
        Need(weights, n, nameof(SgdUpdate), "weights"); Need(gradient, n, nameof(SgdUpdate), "gradient"); Need(velocity, n, nameof(SgdUpdate), "velocity");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(SgdUpdate), "n={0}", n);
            try { SgdUpdateCore(weights, gradient, velocity, n, learningRate, momentum, weightDecay); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>Adam (Kingma and Ba) with bias correction for step t (1-based).</summary>
    public void AdamUpdate(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer m, DeviceBuffer v, int n, float learningRate, float beta1, float beta2, float epsilon, int step)
    {
        NonNegative(n, nameof(AdamUpdate), "n");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), $"{nameof(AdamUpdate)}: step is 1-based, got {step}");
        Need(weights, n, nameof(AdamUpdate), "weights"); Need(gradient, n, nameof(AdamUpdate), "gradient");
        Need(m, n, nameof(AdamUpdate), "m"); Need(v, n, nameof(AdamUpdate), "v");
        if (n == 0) return;
        // Bias corrections on the host with MathF.Pow, the same on every device.
        float c1 = 1f - MathF.Pow(beta1, step), c2 = 1f - MathF.Pow(beta2, step);
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(AdamUpdate), "n={0} step={1}", n, step);
            try { AdamUpdateCore(weights, gradient, m, v, n, learningRate, beta1, beta2, epsilon, c1, c2); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>
    /// Adadelta (Zeiler 2012, as PyTorch): E[g^2] = rho E[g^2] + (1 - rho) g^2;
    /// delta = sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g; E[dx^2] = rho E[dx^2] + (1 - rho) delta^2;
    /// w -= lr delta.
    /// </summary>
    public void AdadeltaUpdate(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer squaredGradientAverage, DeviceBuffer squaredUpdateAverage,
        int n, float learningRate, float rho, float epsilon)
    {
        NonNegative(n, nameof(AdadeltaUpdate), "n");
        Need(weights, n, nameof(AdadeltaUpdate), "weights"); Need(gradient, n, nameof(AdadeltaUpdate), "gradient");
        Need(squaredGradientAverage, n, nameof(AdadeltaUpdate), "squaredGradientAverage");
        Need(squaredUpdateAverage, n, nameof(AdadeltaUpdate), "squaredUpdateAverage");
        if (n == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(AdadeltaUpdate), "n={0}", n);
            try { AdadeltaUpdateCore(weights, gradient, squaredGradientAverage, squaredUpdateAverage, n, learningRate, rho, epsilon); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void SgdUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer velocity, int n, float learningRate, float momentum, float weightDecay);

    /// <summary>Adam with the bias corrections c1 = 1 - beta1^t and c2 = 1 - beta2^t already computed.</summary>
    protected abstract void AdamUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer m, DeviceBuffer v, int n, float learningRate, float beta1, float beta2, float epsilon, float c1, float c2);

    protected abstract void AdadeltaUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer squaredGradientAverage, DeviceBuffer squaredUpdateAverage,
        int n, float learningRate, float rho, float epsilon);

    // ---- Noise and metrics -------------------------------------------------------------------

    /// <summary>
    /// noisy = corrupt(clean) for `images` images of height x width, drawn from the Philox
    /// stream keyed by seed and counted by (pixel, firstSample + image, epoch); see
    /// NoiseSampler (kernels/Noise), the reference every device must match bit for bit.
    /// </summary>
    public void ApplyNoise(DeviceBuffer clean, DeviceBuffer noisy, int images, int height, int width,
        NoiseParameters noise, ulong seed, uint epoch, uint firstSample)
    {
        long elements = Elements(nameof(ApplyNoise), images, height, width);
        if (!Enum.IsDefined(noise.Kind)) throw new ArgumentOutOfRangeException(nameof(noise), $"{nameof(ApplyNoise)}: unknown noise kind {noise.Kind}");
        Need(clean, elements, nameof(ApplyNoise), "clean"); Need(noisy, elements, nameof(ApplyNoise), "noisy");
        if (elements == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(ApplyNoise), "images={0} height={1} width={2}", images, height, width);
            try { ApplyNoiseCore(clean, noisy, images, height, width, noise, seed, epoch, firstSample); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>The SSIM window edge: images must be at least this large.</summary>
    public const int SsimWindow = 11;

    /// <summary>
    /// Per-image quality of `test` against `reference`: mse[i] = mean squared error, ssim[i] =
    /// mean SSIM over the valid 11x11 Gaussian windows (sigma 1.5, K1 0.01, K2 0.03, range 1).
    /// </summary>
    public void ImageQuality(DeviceBuffer reference, DeviceBuffer test, int images, int height, int width, DeviceBuffer mse, DeviceBuffer ssim)
    {
        long elements = Elements(nameof(ImageQuality), images, height, width);
        if (height < SsimWindow || width < SsimWindow)
            throw new ArgumentException($"{nameof(ImageQuality)}: SSIM needs images of at least {SsimWindow}x{SsimWindow}, got {height}x{width}");
        Need(reference, elements, nameof(ImageQuality), "reference"); Need(test, elements, nameof(ImageQuality), "test");
        Need(mse, images, nameof(ImageQuality), "mse"); Need(ssim, images, nameof(ImageQuality), "ssim");
        if (images == 0) return;
        if (ShapesOnly) return;
        lock (_gate)
        {
            Enter(nameof(ImageQuality), "images={0} height={1} width={2}", images, height, width);
            try { ImageQualityCore(reference, test, images, height, width, mse, ssim); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    protected abstract void ApplyNoiseCore(DeviceBuffer clean, DeviceBuffer noisy, int images, int height, int width,
        NoiseParameters noise, ulong seed, uint epoch, uint firstSample);

    protected abstract void ImageQualityCore(DeviceBuffer reference, DeviceBuffer test, int images, int height, int width, DeviceBuffer mse, DeviceBuffer ssim);
}
