using GpuAE.Plots;

namespace GpuAE.Sweeps;

/// <summary>
/// The sweep's figures: denoised PSNR and SSIM against test noise, one line per cell
/// (psnr.svg, ssim.svg), and a heatmap of denoised PSNR, cells by test noise (psnr-heatmap.svg).
/// </summary>
public static class SweepPlots
{
    public static void Write(string folder, SweepDefinition definition, List<SweepRow> rows)
    {
        if (rows.Count == 0) return;
        var noises = definition.TestNoises;
        var cells = rows.GroupBy(r => r.Cell).OrderBy(g => g.Key).ToList();
        LineChart(cells, noises, r => r.PsnrDenoised, "denoised PSNR (dB)", Path.Combine(folder, "psnr.svg"));
        LineChart(cells, noises, r => r.SsimDenoised, "denoised SSIM", Path.Combine(folder, "ssim.svg"));
        var values = new double[cells.Count, noises.Count];
        for (int i = 0; i < cells.Count; i++)
        for (int j = 0; j < noises.Count; j++)
            values[i, j] = cells[i].FirstOrDefault(r => r.TestNoise == noises[j])?.PsnrDenoised ?? double.NaN;
        new SvgHeatmap(values)
        {
            Title = "Denoised PSNR (dB) by training cell and test noise",
            RowLabels = cells.Select(c => c.First().Label).ToList(),
            ColumnLabels = noises,
            ColorBarLabel = "PSNR (dB)",
            ShowValues = true,
            ValueFormat = "0.0",
        }.Save(Path.Combine(folder, "psnr-heatmap.svg"));
    }

    private static void LineChart(List<IGrouping<int, SweepRow>> cells, List<string> noises, Func<SweepRow, double> metric, string label, string path)
    {
        var chart = new SvgLineChart { Title = $"{label} vs test noise", XLabel = "test noise (index: " + string.Join(", ", noises.Select((n, i) => $"{i + 1}={n}")) + ")", YLabel = label };
        if (noises.Count > 8) chart.XLabel = $"test noise level ({noises[0]} .. {noises[^1]})";
        foreach (var cell in cells)
        {
            var x = new List<double>(); var y = new List<double>();
            for (int j = 0; j < noises.Count; j++)
            {
                var row = cell.FirstOrDefault(r => r.TestNoise == noises[j]);
                if (row is null) continue;
                x.Add(j + 1); y.Add(metric(row));
            }
            chart.AddSeries(cell.First().Label, x, y);
        }
        chart.Save(path);
    }
}
