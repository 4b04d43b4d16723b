namespace GpuAE.Plots;

/// <summary>Named x/y data shared by line and scatter charts; points a chart cannot show are skipped, not fatal.</summary>
internal sealed class XYSeries
{
    public XYSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (x.Count != y.Count) throw new ArgumentException($"series '{name}' has {x.Count} x values but {y.Count} y values");
        Name = name;
        X = x.ToArray();
        Y = y.ToArray();
        Color = color;
    }

    public string Name { get; }
    public double[] X { get; }
    public double[] Y { get; }
    public string? Color { get; }

    public static double[] Widen(IReadOnlyList<float> values) => values.Select(v => (double)v).ToArray();

    /// <summary>Whether point <paramref name="i"/> can be drawn: finite, and y positive on a log axis.</summary>
    public bool IsVisible(int i, bool logY) => double.IsFinite(X[i]) && double.IsFinite(Y[i]) && (!logY || Y[i] > 0);

    /// <summary>Maximal runs of consecutive visible points; a skipped point breaks the line.</summary>
    public IEnumerable<List<int>> VisibleRuns(bool logY)
    {
        var run = new List<int>();
        for (int i = 0; i < X.Length; i++)
        {
            if (IsVisible(i, logY)) { run.Add(i); continue; }
            if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }

    /// <summary>Axes covering every visible point of every series; a unit range when nothing is visible.</summary>
    public static (AxisSpec X, AxisSpec Y, bool HasData) Axes(IReadOnlyList<XYSeries> series, string? xLabel, string? yLabel, bool logY, bool? integerX)
    {
        var points = series.SelectMany(s => Enumerable.Range(0, s.X.Length).Where(i => s.IsVisible(i, logY)).Select(i => (s.X[i], s.Y[i]))).ToList();
        if (points.Count == 0)
            return (AxisSpec.Numeric(xLabel, 0, 1), AxisSpec.Numeric(yLabel, logY ? 1 : 0, logY ? 10 : 1, logY), false);
        bool integers = integerX ?? points.All(p => p.Item1 == Math.Round(p.Item1));
        return (AxisSpec.Numeric(xLabel, points.Min(p => p.Item1), points.Max(p => p.Item1), integers: integers),
                AxisSpec.Numeric(yLabel, points.Min(p => p.Item2), points.Max(p => p.Item2), logY), true);
    }
}
