using GpuAE.Plots;
using static GpuAE.Tests.Plots.ChartFileReading;

namespace GpuAE.Tests.Plots;

/// <summary>Every kind of chart is saved as a PNG and an SVG of the chart's size, under one base name.</summary>
public sealed class ChartOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Kinds() => ["line", "bars", "heatmap", "scatter"];

    internal static Chart Sample(string kind) => kind switch
    {
        "line" => new LineChart { Title = "Loss per epoch", XLabel = "epoch", YLabel = "BCE loss (per pixel)" }
            .AddSeries("train", [1.0, 2, 3, 4], [0.4, 0.3, 0.25, 0.22]).AddSeries("test", [1.0, 2, 3, 4], [0.42, 0.33, 0.3, 0.29], dashed: true),
        "bars" => new BarChart(["clean", "noisy", "denoised"]) { Title = "Accuracy", YLabel = "accuracy (%)", ShowValues = true }
            .AddSeries("lenet", [99.1, 61.5, 96.0]),
        "heatmap" => new Heatmap(new double[,] { { 90, 3 }, { 7, 80 } }) { Title = "Confusion", XLabel = "predicted", YLabel = "true", ColumnLabels = ["a", "b"], RowLabels = ["a", "b"], ValueFormat = "0" },
        _ => new ScatterChart { Title = "t-SNE", XLabel = "t-SNE 1", YLabel = "t-SNE 2" }
            .AddLabelledPoints([0.0, 1, 2, 3], [0.0, 1, 0, 1], [0, 1, 1, 0], ["zero", "one"]),
    };

    [Theory, MemberData(nameof(Kinds))]
    public void Save_writes_a_png_and_an_svg_under_the_base_name(string kind)
    {
        var files = Sample(kind).Save(Path.Combine(_dir, kind));

        Assert.Equal((Path.Combine(_dir, kind + ".png"), Path.Combine(_dir, kind + ".svg")), (files.Png, files.Svg));
        Assert.True(File.Exists(files.Png) && File.Exists(files.Svg));
        Assert.Equal([kind + ".png", kind + ".svg"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order()); // no temporary left behind
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_png_decodes_at_the_chart_size_and_is_of_sane_size(string kind)
    {
        var chart = Sample(kind);
        var files = chart.Save(Path.Combine(_dir, kind));

        using var bitmap = DecodePng(File.ReadAllBytes(files.Png));

        Assert.Equal((chart.Width, chart.Height), (bitmap.Width, bitmap.Height));
        Assert.InRange(new FileInfo(files.Png).Length, 5_000, 2_000_000);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_svg_parses_and_has_the_chart_size_and_its_title(string kind)
    {
        var chart = Sample(kind);
        var files = chart.Save(Path.Combine(_dir, kind));

        var svg = ParseSvg(File.ReadAllText(files.Svg));

        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal((chart.Width.ToString(), chart.Height.ToString()), ((string?)svg.Attribute("width"), (string?)svg.Attribute("height")));
        Assert.Contains(chart.Title, Texts(svg));
        Assert.InRange(new FileInfo(files.Svg).Length, 2_000, 5_000_000);
    }

    [Fact]
    public void A_base_path_with_an_image_extension_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Sample("line").Save(Path.Combine(_dir, "loss.svg")));

        Assert.Contains("without extension", e.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_dashed_series_stays_dashed_in_the_svg()
    {
        // SkiaSharp 3.119 wrote dashes as solid lines; 4.156 writes each dash as its own filled piece
        string solid = new LineChart().AddSeries("a", [1.0, 2, 3], [1.0, 3, 2]).ToSvg();
        string dashed = new LineChart().AddSeries("a", [1.0, 2, 3], [1.0, 3, 2], dashed: true).ToSvg();

        Assert.True(CountDashPieces(dashed) > CountDashPieces(solid) + 10, $"dashed path has {CountDashPieces(dashed)} pieces, solid {CountDashPieces(solid)}");
    }

    private static int CountDashPieces(string svg) => svg.Split('Z').Length;

    [Fact]
    public void A_chart_without_data_still_draws_and_says_so()
    {
        var svg = ParseSvg(new LineChart { Title = "empty" }.AddSeries("nothing", [double.NaN], [double.NaN]).ToSvg());

        Assert.Contains("no data", Texts(svg));
    }

    [Fact]
    public void Heatmap_cells_carry_their_values()
    {
        var texts = Texts(ParseSvg(Sample("heatmap").ToSvg()));

        Assert.Contains("90", texts);
        Assert.Contains("80", texts);
    }

    [Fact]
    public void Heatmap_labels_must_match_its_rows()
    {
        var map = new Heatmap(new double[2, 3]) { RowLabels = ["only one"] };

        var e = Assert.Throws<ArgumentException>(() => map.ToSvg());

        Assert.Equal("heatmap has 2 rows but 1 row labels", e.Message);
    }

    [Fact]
    public void A_series_needs_as_many_y_values_as_x_values()
    {
        var e = Assert.Throws<ArgumentException>(() => new LineChart().AddSeries("s", [1.0, 2], [1.0]));

        Assert.Equal("series 's' has 2 x values but 1 y values", e.Message);
    }

    [Fact]
    public void Test_noise_of_one_kind_at_numeric_levels_goes_on_a_numeric_x_axis()
    {
        var chart = NoiseCurves.Chart("PSNR (dB)", ["mask:0.2", "mask:0.5"], "cell", [("train=mask:0.2", [18.0, 15.0])]);

        Assert.IsType<LineChart>(chart);
        Assert.Equal("test noise level (mask)", chart.XLabel);
        Assert.Contains("0.5", Texts(ParseSvg(chart.ToSvg()))); // the real level, not the index 2
    }

    [Fact]
    public void Test_noises_of_different_kinds_become_grouped_bars()
    {
        var chart = NoiseCurves.Chart("PSNR (dB)", ["mask:0.2", "gaussian:0.3"], "cell", [("a", [18.0, 15.0]), ("b", [17.0, 16.0])]);

        Assert.IsType<BarChart>(chart);
        Assert.Equal("PSNR (dB) by test noise, one bar per cell", chart.Title);
    }

    [Fact]
    public void A_single_test_noise_gets_bars_not_a_line_of_one_point() =>
        Assert.IsType<BarChart>(NoiseCurves.Chart("PSNR (dB)", ["mask:0.2"], "cell", [("a", [18.0]), ("b", [17.0])]));
}
