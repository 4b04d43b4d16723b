using GpuAE.Compute.Cpu;
using GpuAE.Optimizers;
using GpuAE.Reproduce;
using GpuAE.Tests.Data;
using GpuAE.Training;

namespace GpuAE.Tests.Reproduce;

/// <summary>
/// The deep-denoise-classify preset (Group2 report): its paper numbers, and its pipeline at a scale far
/// below --quick (the same stages: three denoisers, the three classifier protocols), checked in seconds.
/// </summary>
public sealed class DeepDenoiseClassifyTests(ITestOutputHelper output)
{
    private static readonly DeepDenoiseClassify.Scale Tiny = new(RealSize: false, TrainLimit: 120, TestLimit: 60, EpochCap: 1, Folds: 2, FoldImages: 60);

    private static DeepDenoiseClassify.Family Family(string name) => DeepDenoiseClassify.Families.Single(f => f.Name == name);

    [Fact]
    public void Table_2_gives_vgg_16_99_08_alexnet_89_00_and_resnet_18_99_29_percent()
    {
        Assert.Equal(99.08, Family("VGG-16").TableAccuracy);
        Assert.Equal(89.00, Family("AlexNet").TableAccuracy);
        Assert.Equal(99.29, Family("ResNet-18").TableAccuracy);
    }

    [Fact]
    public void Figure_15_lists_five_vgg_fold_accuracies_and_figure_21_the_alexnet_keras_accuracy()
    {
        Assert.Equal([99.042, 99.133, 99.083, 99.342, 99.117], Family("VGG-16").FoldAccuracies);
        Assert.Equal(81.80, Family("AlexNet").FigureAccuracy);
    }

    [Fact]
    public void Each_family_follows_the_reports_protocol_and_recipe()
    {
        Assert.Equal(DeepDenoiseClassify.Protocol.CrossValidation, Family("VGG-16").Protocol);
        Assert.Equal(DeepDenoiseClassify.Protocol.HoldOut, Family("AlexNet").Protocol);
        Assert.Equal(DeepDenoiseClassify.Protocol.TrainValidationTest, Family("ResNet-18").Protocol);
        Assert.All(DeepDenoiseClassify.Families, f => Assert.Equal(OptimizerKind.Adadelta, f.DenoiserFit.Optimizer));
        Assert.Equal(new DeepDenoiseClassify.Fit(OptimizerKind.Adadelta, 1f, 0f, 128, 50), Family("ResNet-18").DenoiserFit);
        Assert.Equal(10, Family("VGG-16").ClassifierFit.Epochs);
        Assert.Equal(32, Family("VGG-16").ClassifierFit.Batch);
        Assert.Equal(50, Family("AlexNet").ClassifierFit.Epochs);
        Assert.Equal(100, Family("ResNet-18").ClassifierFit.Epochs);
        Assert.Equal(["vgg16-dae", "alexnet224-dae", "resnet18-dae"], DeepDenoiseClassify.Families.Select(f => f.Denoiser));
        Assert.Equal(5, DeepDenoiseClassify.Full.Folds);
        Assert.True(DeepDenoiseClassify.Full.RealSize);
        Assert.False(DeepDenoiseClassify.Quick.RealSize);
    }

    [Fact]
    public void The_preset_puts_every_number_of_the_report_beside_ours()
    {
        if (!RealData.Require(output, "mnist")) return;
        using var dir = new TempDirectory();
        using var acc = new CpuAccelerator();
        var context = new ReproduceContext(acc, RealData.DataDir, dir.Path, quick: true, SilentObserver.Instance);
        DeepDenoiseClassify.Run(context, Tiny);
        ComparisonFiles.Write(dir.Path, "deep-denoise-classify", DeepDenoiseClassify.Paper, "tiny", context.Rows);

        var reported = context.Rows.Where(r => r.Paper is not null).Select(r => r.Paper!.Value).ToList();
        Assert.Equal([8, 16, 99.042, 99.133, 99.08, 89.00, 81.80, 99.29], reported); // two folds here: Fig. 15's first two
        Assert.All(context.Rows.Where(r => r.Quantity.Contains("accuracy")), r => Assert.InRange(r.GpuAE!.Value, 0, 100));
        Assert.All(context.Rows.Where(r => r.Paper is not null), r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.All(context.Rows.Where(r => r.IsFigure && r.Figure is not null), r => Assert.True(File.Exists(Path.Combine(dir.Path, r.Figure!)), r.Figure));
        Assert.Contains(context.Rows, r => r.Setting.Contains("small variant") && r.Paper == 99.29);
        Assert.All(GpuAE.Reports.CsvTable.Parse(File.ReadAllText(dir.File("comparison.csv"))).Rows, row => Assert.Equal(ComparisonFiles.Header.Length, row.Length));
        Assert.True(File.Exists(dir.File("folds-vgg-small/learning-curves.svg")));
        Assert.True(File.Exists(dir.File("denoisers.png")));
    }
}
