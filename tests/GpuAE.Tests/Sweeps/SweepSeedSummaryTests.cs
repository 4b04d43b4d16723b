using GpuAE.Reports;
using GpuAE.Sweeps;
using GpuAE.Training;

namespace GpuAE.Tests.Sweeps;

/// <summary>A seed axis in a sweep: each cell repeated per seed, and seeds.csv summarising over them.</summary>
public sealed class SweepSeedSummaryTests
{
    private static SweepDefinition Definition() => new()
    {
        Base = new TrainingOptions(),
        Grid = [SweepDefinition.ParseAxis("lr=0.1,0.2"), SweepDefinition.ParseAxis("seed=1,2,3")],
        TrainNoises = ["mask:0.2"],
        TestNoises = ["mask:0.2"],
    };

    private static SweepRow Row(string lr, string seed, double psnr) =>
        new(0, "", new Dictionary<string, string> { ["lr"] = lr, ["seed"] = seed }, "mask:0.2", "mask:0.2", 0.1, 0.2, 0.04, 0.01, 14, psnr, 0.5, 0.7, 1);

    [Fact]
    public void A_seed_axis_sets_each_cells_seed()
    {
        var d = Definition();
        Assert.Equal(6, d.Cells().Count);
        Assert.Equal([1UL, 2UL, 3UL, 1UL, 2UL, 3UL], d.Cells().Select(c => d.OptionsFor(c, "").Seed));
        Assert.Contains("not a positive integer", Assert.Throws<FormatException>(() => SweepDefinition.ParseAxis("seed=0")).Message);
    }

    [Fact]
    public void Seeds_csv_gives_each_setting_the_mean_sd_and_95_percent_interval_over_its_seeds()
    {
        var rows = new[] { Row("0.1", "1", 20), Row("0.1", "2", 21), Row("0.1", "3", 22), Row("0.2", "1", 18), Row("0.2", "2", 18), Row("0.2", "3", 18) };
        var table = CsvTable.Parse(SweepSeedSummary.ToCsv(Definition(), rows));
        Assert.Equal(2, table.Rows.Count);
        Assert.DoesNotContain("seed", table.Header);
        var first = table.Rows[0];
        Assert.Equal("0.1", first[table.ColumnIndex("lr")]);
        Assert.Equal("3", first[table.ColumnIndex("seeds")]);
        Assert.Equal(21, CsvTable.ParseNumber(first[table.ColumnIndex("psnr_denoised_mean")]), 9);
        Assert.Equal(1, CsvTable.ParseNumber(first[table.ColumnIndex("psnr_denoised_sd")]), 9);
        Assert.Equal(21 + 4.302653 / Math.Sqrt(3), CsvTable.ParseNumber(first[table.ColumnIndex("psnr_denoised_ci95_high")]), 4);
        Assert.Equal(0, CsvTable.ParseNumber(table.Rows[1][table.ColumnIndex("psnr_denoised_sd")]), 9);
    }
}
