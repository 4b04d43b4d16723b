using System.Globalization;
using System.Text;
using GpuAE.IO;
using GpuAE.Metrics;

namespace GpuAE.Sweeps;

/// <summary>
/// A sweep with a seed axis, summarised over its seeds: seeds.csv has one row per (other settings,
/// training noise, test noise) and, for each metric, the mean, the sample standard deviation and the
/// 95 % interval of the mean over the seeds (<see cref="OverSeeds"/>):
/// <c>&lt;grid keys but seed&gt;,train_noise,test_noise,seeds,&lt;metric&gt;_mean,&lt;metric&gt;_sd,&lt;metric&gt;_ci95_low,&lt;metric&gt;_ci95_high,...</c>
/// for train_loss, test_loss, mse_denoised, psnr_denoised and ssim_denoised.
/// </summary>
public static class SweepSeedSummary
{
    public const string FileName = "seeds.csv";

    private static readonly (string Name, Func<SweepRow, double> Value)[] Metrics =
    [
        ("train_loss", r => r.TrainLoss), ("test_loss", r => r.TestLoss), ("mse_denoised", r => r.MseDenoised),
        ("psnr_denoised", r => r.PsnrDenoised), ("ssim_denoised", r => r.SsimDenoised),
    ];

    /// <summary>Writes seeds.csv when the grid has a seed axis (and removes a stale one otherwise).</summary>
    public static void Write(string folder, SweepDefinition definition, IReadOnlyList<SweepRow> rows)
    {
        string path = Path.Combine(folder, FileName);
        if (!definition.Grid.Any(g => g.Key == "seed"))
        {
            if (File.Exists(path)) File.Delete(path);
            return;
        }
        AtomicFile.WriteAllText(path, ToCsv(definition, rows));
    }

    public static string ToCsv(SweepDefinition definition, IReadOnlyList<SweepRow> rows)
    {
        var keys = definition.Grid.Select(g => g.Key).Where(k => k != "seed").ToList();
        var csv = new StringBuilder(string.Concat(keys.Select(k => k + ",")) + "train_noise,test_noise,seeds");
        foreach (var (name, _) in Metrics) csv.Append($",{name}_mean,{name}_sd,{name}_ci95_low,{name}_ci95_high");
        csv.Append('\n');
        var groups = rows.GroupBy(r => string.Join("\u0001", keys.Select(k => r.Settings[k]).Append(r.TrainNoise).Append(r.TestNoise)));
        foreach (var group in groups)
        {
            var first = group.First();
            csv.Append(string.Concat(keys.Select(k => first.Settings[k] + ","))).Append(first.TrainNoise).Append(',').Append(first.TestNoise).Append(',').Append(group.Count());
            foreach (var (_, value) in Metrics)
            {
                var s = OverSeeds.Of(group.Select(value).ToList());
                csv.Append(',').Append(F(s.Mean)).Append(',').Append(F(s.Sd)).Append(',').Append(F(s.Low)).Append(',').Append(F(s.High));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static string F(double? v) => v is double d ? d.ToString("G7", CultureInfo.InvariantCulture) : "";
}
