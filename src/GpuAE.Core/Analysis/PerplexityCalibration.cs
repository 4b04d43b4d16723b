namespace GpuAE.Analysis;

/// <summary>
/// Per-point Gaussian bandwidth search: finds the precision beta with
/// p_j ∝ exp(-beta d_j) whose entropy is ln(perplexity), by bisection on beta.
/// </summary>
internal static class PerplexityCalibration
{
    public const double Tolerance = 1e-5;
    public const int MaxSteps = 200;

    /// <summary>
    /// Fills <paramref name="p"/> with the conditional distribution for squared distances
    /// <paramref name="sqDist"/> (the point itself excluded) and returns its entropy in nats.
    /// </summary>
    public static double ConditionalRow(ReadOnlySpan<double> sqDist, double perplexity, Span<double> p)
    {
        // Shifting every distance by the smallest one leaves the normalised p unchanged but keeps
        // exp() from underflowing to all zeros when distances are large.
        double min = double.PositiveInfinity, mean = 0;
        foreach (double d in sqDist) min = Math.Min(min, d);
        foreach (double d in sqDist) mean += d - min;
        mean /= sqDist.Length;

        double target = Math.Log(perplexity);
        double beta = mean > 0 ? 1.0 / mean : 1.0, lo = 0, hi = double.PositiveInfinity;
        double entropy = 0, sum = 1;
        for (int step = 0; step < MaxSteps; step++)
        {
            (entropy, sum) = Evaluate(sqDist, min, beta, p);
            double error = entropy - target;
            if (Math.Abs(error) < Tolerance) break;
            if (error > 0)
            {
                lo = beta; // too flat: sharpen
                beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2;
            }
            else
            {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        for (int j = 0; j < p.Length; j++) p[j] /= sum;
        return entropy;
    }

    /// <summary>Unnormalised p into the span; returns the entropy of the normalised distribution and the sum.</summary>
    private static (double Entropy, double Sum) Evaluate(ReadOnlySpan<double> sqDist, double shift, double beta, Span<double> p)
    {
        double sum = 0, weighted = 0;
        for (int j = 0; j < sqDist.Length; j++)
        {
            double d = sqDist[j] - shift;
            p[j] = Math.Exp(-beta * d);
            sum += p[j];
            weighted += d * p[j];
        }
        return (Math.Log(sum) + beta * weighted / sum, sum);
    }
}
