namespace GpuAE.Kernels.Normalization;

/// <summary>
/// Batch normalisation over [batch, channels, pixels] in float64, the definitions the CPU code
/// and the kernels are checked against. Statistics are per channel over batch x pixels elements.
/// </summary>
public static class BatchNormReference
{
    /// <summary>Per-channel mean and biased variance.</summary>
    public static (double[] Mean, double[] Variance) Statistics(float[] x, int batch, int channels, int pixels)
    {
        var mean = new double[channels];
        var variance = new double[channels];
        double m = (double)batch * pixels;
        for (int i = 0; i < x.Length; i++) mean[Channel(i, channels, pixels)] += x[i] / m;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean[Channel(i, channels, pixels)];
            variance[Channel(i, channels, pixels)] += d * d / m;
        }
        return (mean, variance);
    }

    /// <summary>
    /// Training: y = gamma (x - mean) / sqrt(var + eps) + beta with the batch's statistics; the
    /// saved mean and 1/std; running statistics moved by momentum towards the batch mean and the
    /// unbiased batch variance.
    /// </summary>
    public static (double[] Y, double[] Mean, double[] InvStd, double[] RunningMean, double[] RunningVar) ForwardTraining(
        float[] x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar, int batch, int channels, int pixels, double momentum, double epsilon)
    {
        var (mean, variance) = Statistics(x, batch, channels, pixels);
        long m = (long)batch * pixels;
        var invStd = Array.ConvertAll(variance, v => 1 / Math.Sqrt(v + epsilon));
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = Channel(i, channels, pixels);
            y[i] = gamma[c] * (x[i] - mean[c]) * invStd[c] + beta[c];
        }
        var newMean = new double[channels];
        var newVar = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double unbiased = m > 1 ? variance[c] * m / (m - 1) : variance[c];
            newMean[c] = (1 - momentum) * runningMean[c] + momentum * mean[c];
            newVar[c] = (1 - momentum) * runningVar[c] + momentum * unbiased;
        }
        return (y, mean, invStd, newMean, newVar);
    }

    /// <summary>Inference: y = gamma (x - running mean) / sqrt(running var + eps) + beta.</summary>
    public static double[] ForwardInference(float[] x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar,
        int channels, int pixels, double epsilon)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = Channel(i, channels, pixels);
            y[i] = gamma[c] * (x[i] - (double)runningMean[c]) / Math.Sqrt(runningVar[c] + epsilon) + beta[c];
        }
        return y;
    }

    /// <summary>
    /// Gradients from the saved mean and 1/std: xhat = (x - mean) / std, dBeta = sum dy,
    /// dGamma = sum dy xhat, dx = gamma / std (dy - dBeta / m - xhat dGamma / m).
    /// </summary>
    public static (double[] Dx, double[] DGamma, double[] DBeta) Backward(float[] x, float[] dy, float[] gamma, float[] savedMean, float[] savedInvStd,
        int batch, int channels, int pixels)
    {
        double Xhat(int i) => (x[i] - (double)savedMean[Channel(i, channels, pixels)]) * savedInvStd[Channel(i, channels, pixels)];
        var dBeta = new double[channels];
        var dGamma = new double[channels];
        for (int i = 0; i < x.Length; i++)
        {
            dBeta[Channel(i, channels, pixels)] += dy[i];
            dGamma[Channel(i, channels, pixels)] += dy[i] * Xhat(i);
        }
        double m = (double)batch * pixels;
        var dx = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = Channel(i, channels, pixels);
            dx[i] = gamma[c] * (double)savedInvStd[c] * (dy[i] - dBeta[c] / m - Xhat(i) * dGamma[c] / m);
        }
        return (dx, dGamma, dBeta);
    }

    private static int Channel(int i, int channels, int pixels) => i / pixels % channels;
}
