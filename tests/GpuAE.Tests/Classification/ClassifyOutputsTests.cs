using System.Text.Json.Nodes;
using GpuAE.Classification;
using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Metrics;
using GpuAE.Reports;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Classification;

/// <summary>The files of `gpuae classify`, written from known results.</summary>
public sealed class ClassifyOutputsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ClassificationResult Result(int correctOf4) =>
        new(new ConfusionMatrix(10, [0, 1, 2, 3], Enumerable.Range(0, 4).Select(i => i < correctOf4 ? i : 9).ToArray()), 0.5);

    private static readonly NoiseConditions Results = new(Result(4), Result(1), Result(3));

    private JsonNode WriteSummary(IReadOnlyList<FoldResult>? folds = null)
    {
        using var acc = new CpuAccelerator();
        new ClassifyOutputs(_dir.Path).WriteSummary(null, new JsonObject(), acc, Results, folds, KnownDatasets.DigitClassNames);
        return JsonNode.Parse(File.ReadAllText(_dir.File("summary.json")))!;
    }

    [Fact]
    public void Summary_has_the_format_tag_and_an_object_per_condition()
    {
        var json = WriteSummary();
        Assert.Equal(ClassifyOutputs.Format, (string?)json["format"]);
        Assert.Equal(1.0, (double)json["clean"]!["accuracy"]!);
        Assert.Equal(0.25, (double)json["noisy"]!["accuracy"]!);
        Assert.Equal(0.75, (double)json["denoised"]!["accuracy"]!);
        Assert.Equal(2.0 / 3, (double)json["recovered_fraction"]!, 5);
    }

    [Fact]
    public void Gpuae_report_shows_the_classify_folder_with_all_three_confusion_matrices()
    {
        WriteSummary();
        var summary = SummaryFile.TryLoad(_dir.Path)!;
        Assert.True(ClassifierSection.Shows(summary));
        var section = Assert.IsType<ClassifierSection>(Assert.Single(ReportScanner.Scan(_dir.Path)));
        Assert.Contains("clean accuracy 100.00 %", section.Overview);
    }

    [Fact]
    public void Folds_add_each_folds_accuracies_and_the_mean_and_deviation_per_condition()
    {
        var folds = new[] { new FoldResult(1, 4, 4, Results, 1), new FoldResult(2, 4, 4, new NoiseConditions(Result(2), Result(1), Result(1)), 1) };
        var json = WriteSummary(folds);
        Assert.Equal(0.75, (double)json["clean"]!["fold_accuracy_mean"]!, 6);
        Assert.Equal(Math.Sqrt(0.125), (double)json["clean"]!["fold_accuracy_std"]!, 5);
        Assert.Equal(2, json["folds"]!.AsArray().Count);
        Assert.Equal(0.25, (double)json["folds"]![1]!["denoised_accuracy"]!);
    }

    [Fact]
    public void Folds_csv_has_a_row_per_fold_and_leaves_denoised_empty_without_a_denoiser()
    {
        var plain = new NoiseConditions(Result(4), Result(2), null);
        new ClassifyOutputs(_dir.Path).WriteFolds([new FoldResult(1, 6, 2, plain, 0.5)]);
        var lines = File.ReadAllLines(_dir.File(ClassifyOutputs.FoldsFile));
        Assert.Equal(ClassifyOutputs.FoldsHeader, lines[0]);
        Assert.Equal("1,6,2,1,0.5,,0.5,0.5,,0.5", lines[1]);
    }
}
