using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Normalization;

/// <summary>
/// Batch normalisation over [batch, channels, pixels] as ILGPU kernels. Per-channel statistics:
/// one work-group of GroupReduce.Size items per channel, compensated (Kahan) sums over a fixed
/// stride per item, then a deterministic tree sum (the CPU sums in float64).
///   ForwardTraining (batch mean and biased variance, two passes; saved mean and 1/std; running
///   statistics with the unbiased variance), ForwardInference (one item per element), Backward.
/// </summary>
public static class BatchNormKernels
{
    /// <summary>x[n, c, q] for the j-th of a channel's batch x pixels elements.</summary>
    private static int ChannelAt(int j, int c, int channels, int pixels) => ((j / pixels) * channels + c) * pixels + j % pixels;

    private static void KahanAdd(ref float sum, ref float compensation, float value)
    {
        float y = value - compensation;
        float t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }

    public static void ForwardTraining(ArrayView<float> x, ArrayView<float> y, ArrayView<float> gamma, ArrayView<float> beta,
        ArrayView<float> runningMean, ArrayView<float> runningVar, ArrayView<float> savedMean, ArrayView<float> savedInvStd, BatchNormShape s)
    {
        var scratch = GroupReduce.Scratch();
        int c = Grid.IdxX, lid = Group.IdxX, m = s.Batch * s.Pixels;
        float sum = 0.0f, compensation = 0.0f;
        for (int j = lid; j < m; j += GroupReduce.Size) KahanAdd(ref sum, ref compensation, x[ChannelAt(j, c, s.Channels, s.Pixels)]);
        float mean = GroupReduce.Sum(scratch, sum) / m;
        float squares = 0.0f;
        compensation = 0.0f;
        for (int j = lid; j < m; j += GroupReduce.Size)
        {
            float d = x[ChannelAt(j, c, s.Channels, s.Pixels)] - mean;
            KahanAdd(ref squares, ref compensation, d * d);
        }
        squares = GroupReduce.Sum(scratch, squares);
        float variance = squares / m;
        float invStd = 1.0f / MathF.Sqrt(variance + s.Epsilon);
        if (lid == 0)
        {
            savedMean[c] = mean;
            savedInvStd[c] = invStd;
            runningMean[c] = (1.0f - s.Momentum) * runningMean[c] + s.Momentum * mean;
            runningVar[c] = (1.0f - s.Momentum) * runningVar[c] + s.Momentum * (m > 1 ? squares / (m - 1) : variance);
        }
        float scale = gamma[c] * invStd, shift = beta[c] - mean * scale;
        for (int j = lid; j < m; j += GroupReduce.Size)
        {
            int at = ChannelAt(j, c, s.Channels, s.Pixels);
            y[at] = x[at] * scale + shift;
        }
    }

    public static void ForwardInference(ArrayView<float> x, ArrayView<float> y, ArrayView<float> gamma, ArrayView<float> beta,
        ArrayView<float> runningMean, ArrayView<float> runningVar, BatchNormShape s)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= s.Batch * s.Channels * s.Pixels) return;
        int c = (i / s.Pixels) % s.Channels;
        float invStd = 1.0f / MathF.Sqrt(runningVar[c] + s.Epsilon);
        float scale = gamma[c] * invStd, shift = beta[c] - runningMean[c] * scale;
        y[i] = x[i] * scale + shift;
    }

    /// <summary>dBeta = sum dy, dGamma = sum dy xhat, dx = gamma invStd (dy - mean(dy) - xhat mean(dy xhat)).</summary>
    public static void Backward(ArrayView<float> x, ArrayView<float> dy, ArrayView<float> gamma, ArrayView<float> savedMean, ArrayView<float> savedInvStd,
        ArrayView<float> dx, ArrayView<float> dGamma, ArrayView<float> dBeta, BatchNormShape s)
    {
        var scratch = GroupReduce.Scratch();
        int c = Grid.IdxX, lid = Group.IdxX, m = s.Batch * s.Pixels;
        float mean = savedMean[c], invStd = savedInvStd[c];
        float sumDy = 0.0f, compDy = 0.0f, sumDyXhat = 0.0f, compDyXhat = 0.0f;
        for (int j = lid; j < m; j += GroupReduce.Size)
        {
            int at = ChannelAt(j, c, s.Channels, s.Pixels);
            KahanAdd(ref sumDy, ref compDy, dy[at]);
            KahanAdd(ref sumDyXhat, ref compDyXhat, dy[at] * (x[at] - mean) * invStd);
        }
        sumDy = GroupReduce.Sum(scratch, sumDy);
        sumDyXhat = GroupReduce.Sum(scratch, sumDyXhat);
        if (lid == 0) { dGamma[c] = sumDyXhat; dBeta[c] = sumDy; }
        float k = gamma[c] * invStd, meanDy = sumDy / m, meanDyXhat = sumDyXhat / m;
        for (int j = lid; j < m; j += GroupReduce.Size)
        {
            int at = ChannelAt(j, c, s.Channels, s.Pixels);
            dx[at] = k * (dy[at] - meanDy - (x[at] - mean) * invStd * meanDyXhat);
        }
    }
}

/// <summary>The sizes and scalars of one batch-norm launch.</summary>
public readonly record struct BatchNormShape(int Batch, int Channels, int Pixels, float Momentum, float Epsilon);

/// <summary>Launches the batch-norm kernels: one group per channel (statistics) or one item per element.</summary>
public sealed class BatchNormLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>? _training;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>? _inference;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>? _backward;

    private Accelerator Acc => device.Accelerator;

    public void ForwardTraining(ArrayView<float> x, ArrayView<float> y, ArrayView<float> gamma, ArrayView<float> beta, ArrayView<float> runningMean, ArrayView<float> runningVar,
        ArrayView<float> savedMean, ArrayView<float> savedInvStd, BatchNormShape s) =>
        (_training ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>(BatchNormKernels.ForwardTraining))(
            device.Launch(), new KernelConfig(s.Channels, GroupReduce.Size), x, y, gamma, beta, runningMean, runningVar, savedMean, savedInvStd, s);

    public void ForwardInference(ArrayView<float> x, ArrayView<float> y, ArrayView<float> gamma, ArrayView<float> beta, ArrayView<float> runningMean, ArrayView<float> runningVar, BatchNormShape s) =>
        (_inference ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>(BatchNormKernels.ForwardInference))(
            device.Launch(), KernelDevice.Cover((long)s.Batch * s.Channels * s.Pixels, 256), x, y, gamma, beta, runningMean, runningVar, s);

    public void Backward(ArrayView<float> x, ArrayView<float> dy, ArrayView<float> gamma, ArrayView<float> savedMean, ArrayView<float> savedInvStd,
        ArrayView<float> dx, ArrayView<float> dGamma, ArrayView<float> dBeta, BatchNormShape s) =>
        (_backward ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, BatchNormShape>(BatchNormKernels.Backward))(
            device.Launch(), new KernelConfig(s.Channels, GroupReduce.Size), x, dy, gamma, savedMean, savedInvStd, dx, dGamma, dBeta, s);
}
