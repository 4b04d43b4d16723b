using GpuAE.Reports;
using GpuAE.Reproduce;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reproduce;

/// <summary>comparison.csv / .md and the paper-vs-GpuAE charts, for one seed and over several.</summary>
public sealed class ComparisonFilesTests
{
    private static List<ComparisonRow> Rows(double accuracy, double loss) =>
    [
        ComparisonRow.Reported("lr=0.1", "test accuracy (%)", 72, "Table 1, row \"Testing Accuracy\", column 0.1", accuracy),
        ComparisonRow.NotReported("lr=0.1", "final cost", "Fig. 6 is a plot", loss, "a note, with a comma"),
        ComparisonRow.FigureOf("Fig. 6", "cost vs learning rate", "cost-vs-lr.svg"),
    ];

    [Fact]
    public void Every_row_has_its_source_the_papers_value_and_ours_in_one_csv_line()
    {
        using var dir = new TempDirectory();
        ComparisonFiles.Write(dir.Path, "stacked-lr", "Ogety", "full", Rows(71.5, 0.3));
        var table = CsvTable.Load(dir.File(ComparisonFiles.Csv));
        Assert.Equal(ComparisonFiles.Header, table.Header);
        Assert.Equal(3, table.Rows.Count);
        var first = table.Rows[0];
        Assert.Equal("Table 1, row \"Testing Accuracy\", column 0.1", first[table.ColumnIndex("source")]);
        Assert.Equal("72", first[table.ColumnIndex("paper")]);
        Assert.Equal("71.5", first[table.ColumnIndex("gpuae")]);
        Assert.Equal("1", first[table.ColumnIndex("seeds")]);
        Assert.Equal("", table.Rows[1][table.ColumnIndex("paper")]);
        Assert.StartsWith("not reported: ", table.Rows[1][table.ColumnIndex("source")]);
        Assert.Equal("cost-vs-lr.svg", table.Rows[2][table.ColumnIndex("figure")]);
        string md = File.ReadAllText(dir.File(ComparisonFiles.Markdown));
        Assert.Contains("| lr=0.1 | test accuracy (%) | 72 | Table 1, row \"Testing Accuracy\", column 0.1 | 71.5 |", md);
        Assert.Contains("[cost-vs-lr.svg](cost-vs-lr.svg)", md);
    }

    [Fact]
    public void Over_seeds_ours_is_the_mean_with_its_sd_interval_and_whether_the_paper_lies_inside()
    {
        var rows = ComparisonFiles.OverSeeds([("seed-1", Rows(70, 0.3)), ("seed-2", Rows(72, 0.5)), ("seed-3", Rows(74, 0.4))]);
        var accuracy = rows[0];
        Assert.Equal(72, accuracy.GpuAE!.Value, 12);
        Assert.Equal(2, accuracy.Spread!.Sd!.Value, 12);
        Assert.Equal(72 - 4.302653 * 2 / Math.Sqrt(3), accuracy.Spread.Low!.Value, 5);
        Assert.True(accuracy.Spread.Contains(accuracy.Paper));
        Assert.Equal(0.4, rows[1].GpuAE!.Value, 12);
        Assert.Equal("seed-1/cost-vs-lr.svg", rows[2].Figure);
        Assert.Contains("72 ± 2 [67.032, 76.968], 3 seeds, paper inside", ComparisonFiles.Describe(accuracy));
    }

    [Fact]
    public void Seeds_that_produced_different_rows_cannot_be_combined()
    {
        var other = Rows(70, 0.3);
        other[0] = other[0] with { Setting = "lr=0.2" };
        Assert.Throws<InvalidOperationException>(() => ComparisonFiles.OverSeeds([("seed-1", Rows(70, 0.3)), ("seed-2", other)]));
    }

    [Fact]
    public void Each_quantity_the_paper_reports_gets_its_own_paper_vs_gpuae_chart()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("paper-vs-gpuae-9.svg"), "stale");
        var rows = Rows(71.5, 0.3);
        rows.Add(ComparisonRow.Reported("lr=0.1", "training accuracy (%)", 71.96, "Table 1", 73));
        ComparisonFiles.Write(dir.Path, "stacked-lr", "Ogety", "full", rows);
        Assert.Equal(["paper-vs-gpuae-1.svg", "paper-vs-gpuae-2.svg"], Directory.GetFiles(dir.Path, "paper-vs-gpuae-*.svg").Select(Path.GetFileName).Order());
        Assert.Contains("test accuracy (%)", File.ReadAllText(dir.File("paper-vs-gpuae-1.svg")));
    }
}
