using GpuAE.Compute.Cpu;
using GpuAE.Reproduce;
using GpuAE.Tests.Data;
using GpuAE.Training;

namespace GpuAE.Tests.Reproduce;

/// <summary>
/// The deep-denoise-classify preset at a scale far below --quick (it runs the same stages: three
/// denoisers, three classifiers, test-split conditions, cross-validation), so the whole pipeline
/// is checked in seconds; --quick itself takes a minute or two on two cores.
/// </summary>
public sealed class DeepDenoiseClassifyTests(ITestOutputHelper output)
{
    private static readonly DeepDenoiseClassify.Scale Tiny = new(TrainLimit: 120, TestLimit: 60, DenoiserEpochs: 1, ClassifierEpochs: 1,
        Folds: 2, FoldImages: 60, FoldEpochs: 1, Batch: 32);

    [Fact]
    public void Pairs_each_family_with_the_group2_reports_cross_validated_accuracy() =>
        Assert.Equal([("vgg-dae", "vgg-small", 99.08), ("resnet-dae", "resnet-small", 89.00), ("alexnet-dae", "alexnet-small", 99.29)],
            DeepDenoiseClassify.Families);

    [Fact]
    public void Random_pixel_noise_is_salt_and_pepper_on_mnist()
    {
        Assert.StartsWith("saltpepper:", DeepDenoiseClassify.Noise);
        Assert.Equal("mnist", DeepDenoiseClassify.Dataset);
        Assert.Equal(5, DeepDenoiseClassify.Full.Folds);
    }

    [Fact]
    public void The_preset_writes_the_papers_accuracies_beside_ours_for_every_family()
    {
        if (!RealData.Require(output, "mnist")) return;
        using var dir = new TempDirectory();
        using var acc = new CpuAccelerator();
        var context = new ReproduceContext(acc, RealData.DataDir, dir.Path, quick: true, SilentObserver.Instance);
        DeepDenoiseClassify.Run(context, Tiny);
        context.WriteComparison("deep-denoise-classify", DeepDenoiseClassify.Paper);

        Assert.Equal(9, context.Rows.Count);
        Assert.Equal([99.08, 99.08, 89.00, 89.00, 99.29, 99.29], context.Rows.Where(r => r.Paper is not null).Select(r => r.Paper!.Value));
        Assert.All(context.Rows, r => Assert.InRange(r.GpuAE, 0, 100));
        var csv = File.ReadAllText(dir.File("comparison.csv"));
        Assert.Contains("\"resnet-dae -> resnet-small\",\"2-fold CV accuracy, denoised (%)\",89,", csv);
        Assert.All(GpuAE.Reports.CsvTable.Parse(csv).Rows, row => Assert.Equal(6, row.Length)); // a comma in a quantity stays inside its field
        Assert.Contains("\"resnet-dae -> resnet-small\",\"2-fold CV accuracy, trained and tested on denoised (%)\",89,", csv);
        foreach (var (denoiser, classifier, _) in DeepDenoiseClassify.Families)
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, denoiser, "model.gae")));
            Assert.True(File.Exists(Path.Combine(dir.Path, classifier, "model.gae")));
            Assert.True(File.Exists(Path.Combine(dir.Path, $"classify-{classifier}", "confusion-denoised.svg")));
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir.Path, $"folds-{classifier}", "folds.csv")).Length);
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir.Path, $"folds-denoised-{classifier}", "folds.csv")).Length);
        }
    }
}
