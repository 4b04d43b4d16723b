using System.Numerics.Tensors;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// Batch normalisation (one channel per work item) and dropout on the host. Each sample's plane
/// is reduced with SIMD in float and the planes' sums are added in float64; deviations are
/// taken from the mean before squaring, so a large mean does not cancel the variance away.
/// </summary>
public sealed partial class CpuAccelerator
{
    [ThreadStatic] private static float[]? _centred;

    /// <summary>This thread's scratch for one plane of x - mean.</summary>
    private static Span<float> Centred(int pixels)
    {
        if (_centred is null || _centred.Length < pixels) _centred = new float[pixels];
        return _centred.AsSpan(0, pixels);
    }

    public override void BatchNorm2dForwardTraining(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, DeviceBuffer savedMean, DeviceBuffer savedInvStd,
        int batch, int channels, int pixels, float momentum, float epsilon)
    {
        CheckBatchNorm(x, y, batch, channels, pixels, gamma, beta, runningMean, runningVar, savedMean, savedInvStd);
        var xd = D(x); var yd = D(y); var g = D(gamma); var b = D(beta);
        var rm = D(runningMean); var rv = D(runningVar); var sm = D(savedMean); var si = D(savedInvStd);
        long m = (long)batch * pixels;
        ForRows(channels, batch * pixels, c =>
        {
            double sum = 0;
            for (int n = 0; n < batch; n++) sum += TensorPrimitives.Sum<float>(xd.AsSpan((n * channels + c) * pixels, pixels));
            double mean = sum / m, squares = 0;
            var centred = Centred(pixels);
            for (int n = 0; n < batch; n++)
            {
                TensorPrimitives.Subtract(xd.AsSpan((n * channels + c) * pixels, pixels), (float)mean, centred);
                squares += TensorPrimitives.SumOfSquares<float>(centred);
            }
            double variance = squares / m;
            float invStd = (float)(1.0 / Math.Sqrt(variance + epsilon));
            sm[c] = (float)mean; si[c] = invStd;
            rm[c] = (1f - momentum) * rm[c] + momentum * (float)mean;
            rv[c] = (1f - momentum) * rv[c] + momentum * (float)(m > 1 ? squares / (m - 1) : variance);
            Normalize(xd, yd, c, channels, batch, pixels, (float)mean, invStd, g[c], b[c]);
        });
    }

    public override void BatchNorm2dForwardInference(DeviceBuffer x, DeviceBuffer y, DeviceBuffer gamma, DeviceBuffer beta,
        DeviceBuffer runningMean, DeviceBuffer runningVar, int batch, int channels, int pixels, float epsilon)
    {
        CheckBatchNorm(x, y, batch, channels, pixels, gamma, beta, runningMean, runningVar);
        var xd = D(x); var yd = D(y); var g = D(gamma); var b = D(beta); var rm = D(runningMean); var rv = D(runningVar);
        ForRows(channels, batch * pixels, c =>
            Normalize(xd, yd, c, channels, batch, pixels, rm[c], 1f / MathF.Sqrt(rv[c] + epsilon), g[c], b[c]));
    }

    private static void Normalize(float[] x, float[] y, int c, int channels, int batch, int pixels, float mean, float invStd, float gamma, float beta)
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

    public override void BatchNorm2dBackward(DeviceBuffer x, DeviceBuffer outputGradient, DeviceBuffer gamma,
        DeviceBuffer savedMean, DeviceBuffer savedInvStd, DeviceBuffer inputGradient, DeviceBuffer gammaGradient, DeviceBuffer betaGradient,
        int batch, int channels, int pixels)
    {
        CheckBatchNorm(x, outputGradient, batch, channels, pixels, gamma, savedMean, savedInvStd, gammaGradient, betaGradient);
        CheckLength("batchnorm2d input gradient", inputGradient, (long)batch * channels * pixels);
        var xd = D(x); var dy = D(outputGradient); var g = D(gamma); var sm = D(savedMean); var si = D(savedInvStd);
        var dx = D(inputGradient); var dg = D(gammaGradient); var db = D(betaGradient);
        long m = (long)batch * pixels;
        ForRows(channels, batch * pixels, c =>
        {
            float mean = sm[c], invStd = si[c];
            double sumDy = 0, sumDyCentred = 0;
            var centred = Centred(pixels);
            for (int n = 0; n < batch; n++)
            {
                int start = (n * channels + c) * pixels;
                var dyRow = dy.AsSpan(start, pixels);
                TensorPrimitives.Subtract(xd.AsSpan(start, pixels), mean, centred);
                sumDy += TensorPrimitives.Sum<float>(dyRow);
                sumDyCentred += TensorPrimitives.Dot<float>(dyRow, centred);
            }
            double sumDyXhat = sumDyCentred * invStd;
            dg[c] = (float)sumDyXhat; db[c] = (float)sumDy;
            // dx = k (dy - mean(dy) - xhat mean(dy xhat)) = k dy + (x - mean) slope + offset
            float k = g[c] * invStd, meanDy = (float)(sumDy / m), meanDyXhat = (float)(sumDyXhat / m);
            float slope = -k * invStd * meanDyXhat, offset = -k * meanDy;
            for (int n = 0; n < batch; n++)
            {
                int start = (n * channels + c) * pixels;
                var dxRow = dx.AsSpan(start, pixels);
                TensorPrimitives.Subtract(xd.AsSpan(start, pixels), mean, centred);
                TensorPrimitives.Multiply(centred, slope, dxRow);
                TensorPrimitives.Add(dxRow, offset, dxRow);
                TensorPrimitives.MultiplyAdd(dy.AsSpan(start, pixels), k, dxRow, dxRow);
            }
        });
    }

    public override void DropoutForward(DeviceBuffer x, DeviceBuffer y, DeviceBuffer mask, int n, float rate, ulong seed, uint step)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), $"dropout: rate must be in [0, 1), got {rate}");
        CheckLength("dropout input", x, n); CheckLength("dropout output", y, n); CheckLength("dropout mask", mask, n);
        var xd = D(x); var yd = D(y); var md = D(mask);
        ForChunks(n, (start, len) =>
        {
            var ms = md.AsSpan(start, len);
            DropoutMask.Fill(ms, start, rate, seed, step);
            System.Numerics.Tensors.TensorPrimitives.Multiply(xd.AsSpan(start, len), ms, yd.AsSpan(start, len));
        });
    }

    public override void DropoutBackward(DeviceBuffer outputGradient, DeviceBuffer mask, DeviceBuffer inputGradient, int n)
    {
        CheckLength("dropout output gradient", outputGradient, n); CheckLength("dropout mask", mask, n); CheckLength("dropout input gradient", inputGradient, n);
        var dy = D(outputGradient); var md = D(mask); var dx = D(inputGradient);
        ForChunks(n, (start, len) => System.Numerics.Tensors.TensorPrimitives.Multiply(dy.AsSpan(start, len), md.AsSpan(start, len), dx.AsSpan(start, len)));
    }

    private static void CheckBatchNorm(DeviceBuffer x, DeviceBuffer y, int batch, int channels, int pixels, params DeviceBuffer[] perChannel)
    {
        if (batch <= 0 || channels <= 0 || pixels <= 0)
            throw new ArgumentException($"batchnorm2d: sizes must be positive (batch {batch}, channels {channels}, pixels {pixels})");
        CheckLength("batchnorm2d input", x, (long)batch * channels * pixels);
        CheckLength("batchnorm2d output", y, (long)batch * channels * pixels);
        foreach (var b in perChannel) CheckLength("batchnorm2d per-channel buffer", b, channels);
    }
}
