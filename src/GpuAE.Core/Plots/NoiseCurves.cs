namespace GpuAE.Plots;

/// <summary>
/// A metric against the test noise, one series per trained model (a sweep cell, a training noise):
/// a line chart over the real noise level when every test noise is one kind at numeric levels
/// (mask:0.2 .. mask:0.7 -> x = 0.2 .. 0.7), grouped bars per test noise otherwise (also for a
/// single test noise, where a line would be a lone point).
/// </summary>
public static class NoiseCurves
{
    /// <param name="seriesKind">what one series is ("cell", "training noise"), for the title.</param>
    public static Chart Chart(string metric, IReadOnlyList<string> testNoises, string seriesKind, IEnumerable<(string Name, IReadOnlyList<double> Values)> series)
    {
        if (testNoises.Count >= 2 && NoiseAxis.NumericLevels(testNoises) is { } axis)
        {
            var line = new LineChart { Title = $"{metric} vs test noise, one line per {seriesKind}", XLabel = axis.Kind == "level" ? "test noise level" : $"test noise level ({axis.Kind})", YLabel = metric };
            foreach (var (name, values) in series) line.AddSeries(name, axis.Levels, values);
            return line;
        }
        var bars = new BarChart(testNoises) { Title = $"{metric} by test noise, one bar per {seriesKind}", XLabel = "test noise", YLabel = metric };
        foreach (var (name, values) in series) bars.AddSeries(name, values);
        return bars;
    }
}
