namespace GpuAE.Plots;

/// <summary>
/// Training and test (validation) loss of several runs on one chart, as in the Windsor study's
/// figure: one colour per run, the training loss solid and the test loss dashed.
/// </summary>
public static class LossCurves
{
    public sealed record Run(string Name, IReadOnlyList<double> Epochs, IReadOnlyList<double> TrainLoss, IReadOnlyList<double> TestLoss);

    public static LineChart Chart(string title, string yLabel, IReadOnlyList<Run> runs)
    {
        var colors = Palette.ForCategories(runs.Count);
        var chart = new LineChart { Title = title, XLabel = "epoch", YLabel = yLabel };
        for (int i = 0; i < runs.Count; i++)
        {
            chart.AddSeries($"{runs[i].Name} train", runs[i].Epochs, runs[i].TrainLoss, colors[i]);
            chart.AddSeries($"{runs[i].Name} test", runs[i].Epochs, runs[i].TestLoss, colors[i], dashed: true);
        }
        return chart;
    }
}
