using GpuAE.Plots;

namespace GpuAE.Sweeps;

/// <summary>
/// The sweep's figures, every cell shown (nothing averaged): denoised PSNR and SSIM against the test
/// noise level, one line per cell (psnr.png/.svg, ssim.png/.svg), and denoised PSNR of every cell at
/// every test noise as a heatmap (psnr-heatmap.png/.svg).
/// </summary>
public static class SweepPlots
{
    public static void Write(string folder, SweepDefinition definition, List<SweepRow> rows)
    {
        if (rows.Count == 0) return;
        var noises = definition.TestNoises;
        var cells = rows.GroupBy(r => r.Cell).OrderBy(g => g.Key).ToList();
        double[] Values(IEnumerable<SweepRow> cell, Func<SweepRow, double> metric) =>
            noises.Select(n => cell.FirstOrDefault(r => r.TestNoise == n) is { } row ? metric(row) : double.NaN).ToArray();
        foreach (var (name, label, metric) in new (string, string, Func<SweepRow, double>)[]
                 { ("psnr", "denoised PSNR (dB)", r => r.PsnrDenoised), ("ssim", "denoised SSIM", r => r.SsimDenoised) })
            NoiseCurves.Chart(label, noises, "cell",
                cells.Select(c => (c.First().Label, (IReadOnlyList<double>)Values(c, metric)))).Save(Path.Combine(folder, name));
        var values = new double[cells.Count, noises.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            var psnr = Values(cells[i], r => r.PsnrDenoised);
            for (int j = 0; j < noises.Count; j++) values[i, j] = psnr[j];
        }
        new Heatmap(values)
        {
            Title = "Denoised PSNR (dB) of every cell at every test noise",
            XLabel = "test noise", YLabel = "cell",
            RowLabels = cells.Select(c => c.First().Label).ToList(),
            ColumnLabels = noises,
            ColorBarLabel = "PSNR (dB)",
            ValueFormat = "0.0",
            Width = 720, Height = Math.Clamp(200 + 36 * cells.Count, 360, 1200),
        }.Save(Path.Combine(folder, "psnr-heatmap"));
    }
}
