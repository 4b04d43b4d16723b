using GpuAE.Plots;
using GpuAE.Reports;

namespace GpuAE.Tests.Reports;

/// <summary>A `gpuae reproduce` folder shows its paper-vs-GpuAE table and its plots.</summary>
public sealed class ComparisonSectionTests : IDisposable
{
    private readonly ReportFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public void A_preset_folder_shows_the_comparison_table_and_its_plots_first()
    {
        string dir = _folders.Path("svm-baseline");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "comparison.csv"),
            "experiment,setting,quantity,paper,gpuae,note\nsvm-baseline,\"SVM, raw pixels\",test accuracy (%),84.32,84.6,\"5000 train\"\n");
        new LineChart { Title = "accuracy vs noise" }.AddSeries("a", [1.0, 2.0], [0.5, 0.4]).Save(Path.Combine(dir, "accuracy-vs-noise"));
        _folders.AddRun("run", 20);

        var sections = ReportScanner.Scan(_folders.Root);
        Assert.IsType<ComparisonSection>(sections[0]);
        Assert.Equal("svm-baseline: 1 rows", sections[0].Overview);
        string html = HtmlReport.Render("t", sections);
        Assert.Contains("84.32", html);
        Assert.Contains("SVM, raw pixels", html);
        Assert.Contains("accuracy-vs-noise.svg of svm-baseline", html);
    }

    [Fact]
    public void The_runs_of_a_preset_share_one_chart_of_training_and_test_loss()
    {
        string dir = _folders.Path("conv-saltpepper");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "comparison.csv"), "experiment,setting,quantity,paper,gpuae,note\nconv-saltpepper,conv-keras,validation MSE,0.01255,0.009,\n");
        _folders.AddRun("conv-saltpepper/conv-keras", 20);
        _folders.AddRun("conv-saltpepper/cnn-keras", 21);
        string html = HtmlReport.Render("t", ReportScanner.Scan(_folders.Root));
        var chart = ReportCharts.Texts(html).Single(t => t.Contains("Training (solid) and test (dashed) loss of the 2 runs"));
        Assert.Contains("conv-keras train", chart);
        Assert.Contains("cnn-keras test", chart);
    }

    [Fact]
    public void A_quantity_the_paper_has_no_number_for_reads_not_reported()
    {
        string dir = _folders.Path("dense-lr");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "comparison.csv"),
            "experiment,setting,quantity,paper,gpuae,note\ndense-lr,lr=0.1,final train cost,,0.2817,\n");
        string html = HtmlReport.Render("t", ReportScanner.Scan(_folders.Root));
        Assert.Contains("<td><span class=\"absent\">not reported</span></td>", html);
        Assert.Contains("<td class=\"num\">0.2817</td>", html);
    }

    [Fact]
    public void An_unreadable_comparison_is_a_note_not_a_failed_report()
    {
        string dir = _folders.Path("broken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "comparison.csv"), "experiment,setting\n\"unterminated\n");
        var section = Assert.IsType<ComparisonSection>(Assert.Single(ReportScanner.Scan(_folders.Root)));
        Assert.Contains(section.Problems, p => p.StartsWith("could not read comparison.csv"));
        Assert.Contains("could not read comparison.csv", HtmlReport.Render("t", [section]));
    }
}
