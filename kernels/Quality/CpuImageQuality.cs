namespace GpuAE.Kernels.Quality;

/// <summary>
/// Per-image MSE and SSIM (Wang et al. 2004): 11x11 Gaussian window, sigma 1.5, K1 0.01,
/// K2 0.03, data range 1, averaged over the valid windows (as scikit-image with
/// gaussian_weights=True, use_sample_covariance=False and MATLAB's ssim.m do). Computed in
/// float64; this is the reference the GPU kernels are checked against.
/// </summary>
public static class CpuImageQuality
{
    public const int Window = 11;
    public const double Sigma = 1.5, C1 = 0.01 * 0.01, C2 = 0.03 * 0.03;

    private static readonly double[] Weights = GaussianWeights();

    private static double[] GaussianWeights()
    {
        var w = new double[Window];
        double sum = 0;
        for (int i = 0; i < Window; i++)
        {
            double d = i - Window / 2;
            w[i] = Math.Exp(-d * d / (2 * Sigma * Sigma));
            sum += w[i];
        }
        for (int i = 0; i < Window; i++) w[i] /= sum;
        return w;
    }

    public static double Mse(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) { double d = (double)a[i] - b[i]; s += d * d; }
        return s / a.Length;
    }

    public static double Ssim(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int height, int width)
    {
        int outH = height - Window + 1, outW = width - Window + 1;
        if (outH <= 0 || outW <= 0) throw new ArgumentException($"SSIM needs images of at least {Window}x{Window}, got {height}x{width}");
        double total = 0;
        for (int r = 0; r < outH; r++)
        for (int c = 0; c < outW; c++)
        {
            double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
            for (int i = 0; i < Window; i++)
            for (int j = 0; j < Window; j++)
            {
                double w = Weights[i] * Weights[j];
                double a = x[(r + i) * width + c + j], b = y[(r + i) * width + c + j];
                mx += w * a; my += w * b; xx += w * a * a; yy += w * b * b; xy += w * a * b;
            }
            double vx = xx - mx * mx, vy = yy - my * my, cxy = xy - mx * my;
            total += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
        }
        return total / (outH * outW);
    }
}
