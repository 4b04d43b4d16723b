using GpuAE.Reports;

namespace GpuAE.Tests.Reports;

/// <summary>`gpuae report`: one self-contained page of every run, t-SNE and sweep folder under a folder.</summary>
public sealed class HtmlReportTests : IDisposable
{
    private readonly ReportFolders _folders = new();
    private string Output => _folders.Path("out", "report.html");

    public void Dispose() => _folders.Dispose();

    private string WriteFullReport()
    {
        _folders.AddRun("run-a", psnrDenoised: 21.25);
        _folders.AddRun("nested/run-b", psnrDenoised: 18.5, noise: "gaussian:0.3");
        _folders.AddTsne("tsne", trustworthiness: 0.9876);
        _folders.AddSweep("sweep");
        HtmlReport.Write(_folders.Root, Output);
        return File.ReadAllText(Output);
    }

    [Fact]
    public void The_report_is_one_file_with_every_run_and_its_final_metrics()
    {
        string html = WriteFullReport();
        Assert.Single(Directory.GetFiles(_folders.Path("out")));
        Assert.Contains("run-a", html);
        Assert.Contains("nested/run-b", html);
        Assert.Contains("21.25", html);
        Assert.Contains("18.5", html);
        Assert.Contains("gaussian:0.3", html);
    }

    [Fact]
    public void The_report_references_nothing_outside_itself()
    {
        string html = WriteFullReport();
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void Sample_PNGs_and_SVG_files_are_embedded_as_data_URIs()
    {
        string html = WriteFullReport();
        Assert.Equal(2, Count(html, "src=\"data:image/png;base64,"));
        Assert.Contains("src=\"data:image/svg+xml;base64,", html); // tsne.svg
    }

    [Fact]
    public void Per_epoch_metrics_are_tabled_and_plotted_as_svg_images()
    {
        string html = WriteFullReport();
        Assert.Contains("<th>psnr_denoised</th>", html);
        Assert.Contains("title=\"Loss per epoch\"", html);
        Assert.Contains(ReportCharts.Texts(html), texts => texts.Contains("Loss per epoch"));
        Assert.DoesNotContain("<svg", html); // charts are images, so their clip-path ids cannot clash
    }

    [Fact]
    public void A_config_value_with_markup_is_escaped()
    {
        string dir = _folders.AddRun("evil", 20);
        string summary = Path.Combine(dir, "summary.json");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace("\"sgd\"", "\"<script>alert(1)</script>\""));
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void The_tsne_section_shows_trustworthiness()
    {
        string html = WriteFullReport();
        Assert.Contains("trustworthiness (k = 5): <strong>0.9876</strong>", html);
    }

    [Fact]
    public void A_results_csv_with_noise_columns_gets_a_table_a_heatmap_and_a_line_chart()
    {
        string html = WriteFullReport();
        Assert.Contains("title=\"PSNR denoised of every cell at every test noise\"", html);
        Assert.Contains("title=\"PSNR denoised vs test noise, one line per cell\"", html);
        Assert.Contains("<td>mask:0.3</td>", html);
    }

    [Fact]
    public void Test_noises_of_different_kinds_are_compared_in_grouped_bars()
    {
        Directory.CreateDirectory(_folders.Path("mixed"));
        File.WriteAllText(_folders.Path("mixed", "results.csv"),
            "train_noise,test_noise,psnr_denoised\nmask:0.2,erase,18\nmask:0.2,gaussian:0.3,17\nmix,erase,19\nmix,gaussian:0.3,18.5\n");
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("title=\"PSNR denoised of every cell at every test noise\"", html);
        Assert.Contains(ReportCharts.Texts(html), texts => texts.Contains("train=mix")); // the legend of the grouped bars
    }

    [Fact]
    public void Without_the_usual_metric_names_any_psnr_column_is_charted()
    {
        Directory.CreateDirectory(_folders.Path("other"));
        File.WriteAllText(_folders.Path("other", "results.csv"), "train_noise,test_noise,psnr_noisy,psnr\nnone,mask:0.1,15,20\nnone,mask:0.3,12,18\n");
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("title=\"PSNR of every cell at every test noise\"", html);
        Assert.DoesNotContain("title=\"PSNR noisy of every cell", html);
    }

    [Fact]
    public void A_results_cell_naming_a_run_folder_links_to_its_section()
    {
        _folders.AddRun("sweep/cell-1", 20);
        Directory.CreateDirectory(_folders.Path("sweep"));
        File.WriteAllText(_folders.Path("sweep", "results.csv"), "run,psnr_denoised\ncell-1,20\n");
        HtmlReport.Write(_folders.Root, Output);
        Assert.Contains("<a href=\"#run-sweep-cell-1\">cell-1</a>", File.ReadAllText(Output));
    }

    [Fact]
    public void The_table_of_contents_links_every_section_in_sorted_order()
    {
        string html = WriteFullReport();
        int a = html.IndexOf("href=\"#run-nested-run-b\"", StringComparison.Ordinal), b = html.IndexOf("href=\"#run-run-a\"", StringComparison.Ordinal);
        Assert.True(a > 0 && b > a, "runs in path order in the contents");
        Assert.Contains("id=\"run-run-a\"", html);
        Assert.Contains("id=\"tsne-tsne\"", html);
        Assert.Contains("id=\"sweep-sweep\"", html);
    }

    [Fact]
    public void The_same_folder_gives_the_same_bytes()
    {
        string first = WriteFullReport();
        HtmlReport.Write(_folders.Root, Output);
        Assert.Equal(first, File.ReadAllText(Output));
    }

    [Fact]
    public void A_malformed_summary_is_noted_and_the_rest_is_still_written()
    {
        _folders.AddRun("good", 21.25);
        string bad = _folders.AddRun("bad", 19);
        File.WriteAllText(Path.Combine(bad, "summary.json"), "{ \"format\": \"gpuae-summary/1\", ");
        var sections = HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("could not read summary.json:", html);
        Assert.Contains("21.25", html);
        Assert.Contains("<th>psnr_denoised</th>", html); // the bad run's metrics.csv is still shown
        Assert.Single(sections, s => s.RelativePath == "bad" && s.Problems.Count == 1);
    }

    [Fact]
    public void A_summary_naming_a_key_twice_is_noted_as_malformed()
    {
        // Found by the fuzz harness: JSON nodes are built lazily, so a repeated key surfaced later as an ArgumentException.
        _folders.AddRun("good", 21.25);
        string bad = _folders.AddRun("bad", 19);
        File.WriteAllText(Path.Combine(bad, "summary.json"), "{ \"format\": \"gpuae-summary/1\", \"final\": {}, \"final\": {} }");
        var sections = HtmlReport.Write(_folders.Root, Output);
        Assert.Contains("could not read summary.json:", File.ReadAllText(Output));
        Assert.Single(sections, s => s.RelativePath == "bad" && s.Problems.Count == 1);
    }

    [Fact]
    public void A_malformed_metrics_csv_is_noted_and_the_loss_svg_shown_instead()
    {
        string dir = _folders.AddRun("run", 20);
        File.WriteAllText(Path.Combine(dir, "metrics.csv"), "epoch,train_loss\n1,0.3,extra\n");
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("could not read metrics.csv: line 2: 3 fields, the header has 2", html);
        Assert.Contains("alt=\"loss per epoch of run (loss.svg)\" src=\"data:image/svg+xml;base64,", html);
    }

    [Fact]
    public void A_corrupt_samples_png_is_noted()
    {
        string dir = _folders.AddRun("run", 20);
        File.WriteAllBytes(Path.Combine(dir, "samples.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        HtmlReport.Write(_folders.Root, Output);
        Assert.Contains("could not read samples.png: truncated", File.ReadAllText(Output));
    }

    [Fact]
    public void An_unknown_summary_format_is_listed_as_a_key_value_table()
    {
        Directory.CreateDirectory(_folders.Path("future"));
        File.WriteAllText(_folders.Path("future", "summary.json"), "{\"format\":\"gpuae-sweep/9\",\"cells\":{\"count\":12}}");
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("Other summaries", html);
        Assert.Contains("<th colspan=\"2\" class=\"group\">cells</th></tr><tr><th>count</th><td>12</td>", html);
    }

    [Fact]
    public void A_folder_with_nothing_recognisable_is_an_error()
    {
        File.WriteAllText(_folders.Path("notes.txt"), "hello");
        var e = Assert.Throws<ReportInputException>(() => HtmlReport.Write(_folders.Root, Output));
        Assert.Contains("nothing to report", e.Message);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public void A_file_instead_of_a_folder_is_an_error()
    {
        string run = _folders.AddRun("run", 20);
        var e = Assert.Throws<ReportInputException>(() => HtmlReport.Write(Path.Combine(run, "summary.json"), Output));
        Assert.Contains("is a file", e.Message);
    }

    [Fact]
    public void A_sweep_over_grid_axes_charts_every_cell_without_averaging()
    {
        Directory.CreateDirectory(_folders.Path("grid"));
        File.WriteAllText(_folders.Path("grid", "results.csv"), "cell,lr,hidden,train_noise,test_noise,psnr_denoised\n" +
            "0,0.1,100,mask:0.2,mask:0.2,13.47\n1,0.1,500,mask:0.2,mask:0.2,14.33\n2,0.5,100,mask:0.2,mask:0.2,13.86\n3,0.5,500,mask:0.2,mask:0.2,14.64\n");
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("Each cell is one combination of lr, hidden, train_noise (4 cells); every point is one row of results.csv, nothing is averaged.", html);
        var heatmap = ReportCharts.Texts(html).Single(texts => texts.Contains("PSNR denoised of every cell at every test noise"));
        foreach (var value in new[] { "13.5", "14.3", "13.9", "14.6" }) Assert.Contains(value, heatmap); // each cell, not their mean 14.1
        foreach (var cell in new[] { "lr=0.1, hidden=100, train=mask:0.2", "lr=0.1, hidden=500, train=mask:0.2", "lr=0.5, hidden=100, train=mask:0.2", "lr=0.5, hidden=500, train=mask:0.2" })
            Assert.Contains(cell, heatmap);
    }

    [Fact]
    public void Rows_sharing_a_cell_and_test_noise_are_averaged_and_the_report_says_so()
    {
        Directory.CreateDirectory(_folders.Path("seeds"));
        File.WriteAllText(_folders.Path("seeds", "results.csv"), "train_noise,test_noise,psnr_denoised\nmask:0.2,mask:0.2,14\nmask:0.2,mask:0.2,16\n");
        HtmlReport.Write(_folders.Root, Output);
        Assert.Contains("up to 2 rows share a cell and test noise (no column tells them apart), and the charts show their mean", File.ReadAllText(Output));
    }

    [Fact]
    public void Configuration_shows_readable_names_and_leaves_out_unset_values()
    {
        string dir = _folders.AddRun("run", 20);
        string summary = Path.Combine(dir, "summary.json");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace("\"Epochs\":2", "\"Epochs\":2,\"LearningRate\":0.1,\"TrainLimit\":null"));
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Contains("<th>learning rate</th><td>0.1</td>", html);
        Assert.DoesNotContain("train limit", html);
        Assert.DoesNotContain(">null<", html);
        Assert.Contains("<th colspan=\"2\" class=\"group\">configuration</th>", html);
    }

    [Fact]
    public void A_short_report_shows_its_sections_open()
    {
        string html = WriteFullReport();
        Assert.Equal(4, Count(html, "<details open=\"\">"));
        Assert.DoesNotContain("is folded", html);
    }

    [Fact]
    public void A_long_report_folds_its_sections_under_their_titles()
    {
        for (int i = 0; i <= HtmlReport.OpenSectionsUpTo; i++) _folders.AddRun($"run-{i:D2}", 20 + i);
        HtmlReport.Write(_folders.Root, Output);
        string html = File.ReadAllText(Output);
        Assert.Equal(HtmlReport.OpenSectionsUpTo + 1, Count(html, "<details><summary>"));
        Assert.DoesNotContain("<details open", html);
        Assert.Contains("each section below is folded", html);
        Assert.Contains("<span class=\"overview\">dense, noise mask:0.2, 2 epochs, PSNR 14.50 → 28.00 dB, SSIM 0.500 → 0.700</span>", html);
    }

    [Fact]
    public void Wide_tables_sit_in_a_box_that_scrolls()
    {
        string html = WriteFullReport();
        Assert.Contains("<div class=\"scroll\"><table class=\"data\">", html);
        Assert.Contains("div.scroll { max-height: 480px; overflow: auto;", html);
    }

    private static int Count(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
