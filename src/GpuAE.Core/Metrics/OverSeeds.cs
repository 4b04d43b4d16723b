namespace GpuAE.Metrics;

/// <summary>
/// One quantity measured once per seed: the mean, the sample standard deviation (n - 1) and a 95 %
/// confidence interval of the mean, mean +- t(0.975, n - 1) * sd / sqrt(n) (Student's t, as
/// scipy.stats.t.interval gives it). With one seed there is no spread: Sd and the interval are null.
/// </summary>
public sealed record OverSeeds(double Mean, double? Sd, double? Low, double? High, int Count)
{
    public static OverSeeds Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values to summarise over seeds", nameof(values));
        double mean = values.Average();
        if (values.Count == 1) return new OverSeeds(mean, null, null, null, 1);
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        double half = StudentT975(values.Count - 1) * sd / Math.Sqrt(values.Count);
        return new OverSeeds(mean, sd, mean - half, mean + half, values.Count);
    }

    /// <summary>Whether <paramref name="value"/> lies in the 95 % interval (null with one seed or no value).</summary>
    public bool? Contains(double? value)
    {
        if (value is not double v || Low is not double lo || High is not double hi) return null;
        double slack = 1e-9 * Math.Max(1, Math.Abs(v)); // every seed giving the paper's value exactly (sd 0) counts as inside
        return v >= lo - slack && v <= hi + slack;
    }

    /// <summary>The 0.975 quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentT975(int df)
    {
        if (df < 1) throw new ArgumentOutOfRangeException(nameof(df), $"degrees of freedom must be at least 1, got {df}");
        // Beyond the table, Cornish-Fisher's first two terms (Abramowitz and Stegun 26.7.5): error below 1e-4 from df 31.
        return df <= Table.Length ? Table[df - 1] : 1.959964 + 2.372271 / df + 2.822499 / ((double)df * df);
    }

    private static readonly double[] Table =
    [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    ];
}
