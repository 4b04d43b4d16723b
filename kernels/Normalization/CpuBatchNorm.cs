using System.Numerics.Tensors;

namespace GpuAE.Kernels.Normalization;

/// <summary>
/// Batch normalisation on the host, one channel at a time over [batch, channels, pixels]. Each
/// sample's plane is reduced with SIMD in float and the planes' sums are added in float64;
/// deviations are taken from the mean before squaring, so a large mean does not cancel the
/// variance away.
/// </summary>
internal static class CpuBatchNorm
{
    [ThreadStatic] private static float[]? _centred;

    /// <summary>This thread's scratch for one plane of x - mean.</summary>
    private static Span<float> Centred(int pixels)
    {
        if (_centred is null || _centred.Length < pixels) _centred = new float[pixels];
        return _centred.AsSpan(0, pixels);
    }

    /// <summary>Channel c in training mode: batch statistics, saved mean and 1/std, running statistics, y.</summary>
    public static void ForwardTrainingChannel(float[] x, float[] y, int c, int batch, int channels, int pixels, float gamma, float beta,
        ref float runningMean, ref float runningVar, out float savedMean, out float savedInvStd, float momentum, float epsilon)
    {
        long m = (long)batch * pixels;
        double sum = 0;
        for (int n = 0; n < batch; n++) sum += TensorPrimitives.Sum<float>(x.AsSpan((n * channels + c) * pixels, pixels));
        double mean = sum / m, squares = 0;
        var centred = Centred(pixels);
        for (int n = 0; n < batch; n++)
        {
            TensorPrimitives.Subtract(x.AsSpan((n * channels + c) * pixels, pixels), (float)mean, centred);
            squares += TensorPrimitives.SumOfSquares<float>(centred);
        }
        double variance = squares / m;
        float invStd = (float)(1.0 / Math.Sqrt(variance + epsilon));
        savedMean = (float)mean; savedInvStd = invStd;
        runningMean = (1f - momentum) * runningMean + momentum * (float)mean;
        runningVar = (1f - momentum) * runningVar + momentum * (float)(m > 1 ? squares / (m - 1) : variance);
        Normalize(x, y, c, channels, batch, pixels, (float)mean, invStd, gamma, beta);
    }

    /// <summary>y = x scale + shift over channel c, with scale = gamma invStd and shift = beta - mean scale.</summary>
    public static void Normalize(float[] x, float[] y, int c, int channels, int batch, int pixels, float mean, float invStd, float gamma, float beta)
    {
        float scale = gamma * invStd, shift = beta - mean * scale;
        for (int n = 0; n < batch; n++)
        {
            int start = (n * channels + c) * pixels;
            var row = y.AsSpan(start, pixels);
            TensorPrimitives.Multiply(x.AsSpan(start, pixels), scale, row);
            TensorPrimitives.Add(row, shift, row);
        }
    }

    /// <summary>Channel c of the backward pass: dGamma, dBeta and dx from the saved statistics.</summary>
    public static void BackwardChannel(float[] x, float[] dy, float[] dx, int c, int batch, int channels, int pixels,
        float gamma, float mean, float invStd, out float gammaGradient, out float betaGradient)
    {
        long m = (long)batch * pixels;
        double sumDy = 0, sumDyCentred = 0;
        var centred = Centred(pixels);
        for (int n = 0; n < batch; n++)
        {
            int start = (n * channels + c) * pixels;
            var dyRow = dy.AsSpan(start, pixels);
            TensorPrimitives.Subtract(x.AsSpan(start, pixels), mean, centred);
            sumDy += TensorPrimitives.Sum<float>(dyRow);
            sumDyCentred += TensorPrimitives.Dot<float>(dyRow, centred);
        }
        double sumDyXhat = sumDyCentred * invStd;
        gammaGradient = (float)sumDyXhat; betaGradient = (float)sumDy;
        // dx = k (dy - mean(dy) - xhat mean(dy xhat)) = k dy + (x - mean) slope + offset
        float k = gamma * invStd, meanDy = (float)(sumDy / m), meanDyXhat = (float)(sumDyXhat / m);
        float slope = -k * invStd * meanDyXhat, offset = -k * meanDy;
        for (int n = 0; n < batch; n++)
        {
            int start = (n * channels + c) * pixels;
            var dxRow = dx.AsSpan(start, pixels);
            TensorPrimitives.Subtract(x.AsSpan(start, pixels), mean, centred);
            TensorPrimitives.Multiply(centred, slope, dxRow);
            TensorPrimitives.Add(dxRow, offset, dxRow);
            TensorPrimitives.MultiplyAdd(dy.AsSpan(start, pixels), k, dxRow, dxRow);
        }
    }
}
