using System.Globalization;
using GpuAE.Compute;
using GpuAE.Noise;
using GpuAE.Plots;
using GpuAE.Sweeps;
using GpuAE.Optimizers;
using GpuAE.Losses;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// The Ogety report's denoising-autoencoder experiments (section 4.1): dense-lr (Fig. 6), dense-hidden
/// (Figs 7 and 8) and dense-noise (Figs 9-14).
///
/// The report's recipe, and what its text leaves open:
/// <list type="bullet">
/// <item>5000 Fashion-MNIST training images, 20 % of their pixels set to 0 ("randomly selecting some
/// percentage of the pixels and setting them to 0s": mask:0.2); a sigmoid hidden layer; "the squared
/// error function" as cost; gradient descent stopped after 500 iterations.</item>
/// <item>An iteration is read as one full-batch gradient-descent step on all 5000 images (the report
/// cites UFLDL, whose autoencoders optimise the full batch), so 500 iterations are 500 epochs of one batch.</item>
/// <item>The squared-error cost is read as UFLDL's J = (1/m) sum_i 1/2 |x_i - z_i|^2. GpuAE's mse
/// objective is (1/m) sum_i |x_i - z_i|^2, twice J, so the paper's learning rate r is GpuAE's r / 2;
/// the presets label every cell with the paper's rate and report J (= 392 x the per-pixel MSE).</item>
/// <item>The output layer is a sigmoid (the report's Fig. 1 autoencoder is the classic dA: sigmoid
/// encoder and decoder, untied weights in GpuAE).</item>
/// <item>Fig. 6 varies "hidden layer nodes" without listing them; 100 and 1000 appear in the text, 250
/// and 500 are added between. Test images: all 10,000 (the figures show test images; the text gives no count).</item>
/// <item>The noise experiments (Figs 9-14) use lr 0.1 and, as the text says twice, 100 hidden nodes.</item>
/// </list>
/// The report's figures are plots and image grids; the only numbers its text gives are the best
/// learning rate (0.1) and the best hidden size (1000), which the comparison checks.
/// `--recipe best` for dense-noise is GpuAE's denoising recipe: all 60,000 images, 20 epochs of SGD
/// at lr 0.1 in batches of 128, 1000 hidden units, binary cross-entropy.
/// </summary>
public static class OgetyDenseExperiments
{
    public const string Paper = "Ogety report, section 4.1 (denoising autoencoder on Fashion-MNIST, pixels masked to 0)";

    private static readonly double[] PaperRates = [0.1, 0.2, 0.3, 0.4, 0.5];
    private static readonly int[] HiddenSizes = [100, 250, 500, 1000];

    /// <summary>J = (1/m) sum 1/2 |x - z|^2 over 784 pixels, from GpuAE's per-pixel MSE.</summary>
    public static double UfldlCost(double perPixelMse) => 0.5 * 784 * perPixelMse;

    /// <summary>GpuAE's mse learning rate for the paper's rate (see the class comment).</summary>
    public static float GpuAERate(double paperRate) => (float)(paperRate / 2);

    private static string PaperRate(string gpuaeRate) =>
        (2 * double.Parse(gpuaeRate, CultureInfo.InvariantCulture)).ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>The full-batch gradient-descent recipe of section 4.1 on <paramref name="images"/> images.</summary>
    private static TrainingOptions FullBatch(ReproduceContext c, int images, int iterations) => new()
    {
        Model = "dense", Dataset = "fashion-mnist", Optimizer = OptimizerKind.Sgd, Loss = LossKind.Mse, Batch = images, Epochs = iterations,
        TrainLimit = images, TestLimit = c.Quick ? 500 : null, EvaluateEvery = Math.Max(1, iterations / 5), Device = "", Out = "",
    };

    /// <summary>dense-lr and dense-hidden share one sweep, in &lt;out&gt;/dense-sweep[-quick]/seed-N (the second preset reuses the first's cells).</summary>
    private static List<SweepRow> DenseSweep(ReproduceContext c)
    {
        var rates = c.Quick ? [0.1, 0.3, 0.5] : PaperRates;
        var hidden = c.Quick ? [100, 250] : HiddenSizes;
        var definition = new SweepDefinition
        {
            Base = FullBatch(c, c.Quick ? 1000 : 5000, c.Quick ? 40 : 500),
            Grid = [SweepDefinition.ParseAxis("lr=" + string.Join(",", rates.Select(r => GpuAERate(r).ToString(CultureInfo.InvariantCulture)))),
                SweepDefinition.ParseAxis("hidden=" + string.Join(",", hidden))],
            TrainNoises = ["mask:0.2"],
            TestNoises = ["mask:0.2"],
        };
        return c.Sweep(c.SharedFolder("dense-sweep"), definition);
    }

    public static void LearningRate(ReproduceContext c)
    {
        var rows = DenseSweep(c);
        var chart = new LineChart { Title = "Final cost vs learning rate (dense DAE, mask:0.2, 500 full-batch iterations)", XLabel = "learning rate (the paper's)", YLabel = "final training cost J (1/2 squared error per image)" };
        foreach (var h in rows.GroupBy(r => r.Settings["hidden"]))
            chart.AddSeries($"hidden {h.Key}", h.Select(r => double.Parse(PaperRate(r.Settings["lr"]), CultureInfo.InvariantCulture)).ToList(), h.Select(r => UfldlCost(r.TrainLoss)).ToList());
        string figure = Path.Combine(c.Folder, "cost-vs-lr");
        chart.Save(figure);
        foreach (var r in rows)
            c.Rows.Add(ComparisonRow.NotReported($"lr={PaperRate(r.Settings["lr"])}, hidden={r.Settings["hidden"]}", "final training cost J", "Fig. 6 plots the costs; the text gives no values",
                UfldlCost(r.TrainLoss), $"test PSNR {r.PsnrNoisy:F2} -> {r.PsnrDenoised:F2} dB"));
        foreach (var h in rows.GroupBy(r => r.Settings["hidden"]))
        {
            var best = h.MinBy(r => r.TrainLoss)!;
            c.Rows.Add(ComparisonRow.Reported($"hidden={h.Key}", "learning rate with the lowest final cost", 0.1,
                "Sec. 4.1.1: \"for different variations of hidden layer nodes, the cost was minimum at learning rate 0.1\"",
                double.Parse(PaperRate(best.Settings["lr"]), CultureInfo.InvariantCulture)));
        }
        c.Rows.Add(ComparisonRow.NotRedrawn("Fig. 1", "the denoising autoencoder", "a diagram of the method (GpuAE's dense model: `gpuae models`)"));
        c.Rows.Add(ComparisonRow.NotRedrawn("Fig. 2", "a noisy input vector reconstructed (the cost's formula)", "a diagram and a formula whose image the text lacks"));
        c.Rows.Add(ComparisonRow.FigureOf("Fig. 6", "cost vs learning rate, one line per hidden size", c.Relative(figure + ".png")));
    }

    public static void Hidden(ReproduceContext c)
    {
        var rows = DenseSweep(c);
        string rate = GpuAERate(0.1).ToString(CultureInfo.InvariantCulture);
        var atRate = rows.Where(r => r.Settings["lr"] == rate).OrderBy(r => int.Parse(r.Settings["hidden"], CultureInfo.InvariantCulture)).ToList();
        string figure = Path.Combine(c.Folder, "cost-vs-hidden");
        new LineChart { Title = "Final cost vs hidden nodes at learning rate 0.1", XLabel = "hidden nodes", YLabel = "final training cost J (1/2 squared error per image)" }
            .AddSeries("lr 0.1", atRate.Select(r => double.Parse(r.Settings["hidden"], CultureInfo.InvariantCulture)).ToList(), atRate.Select(r => UfldlCost(r.TrainLoss)).ToList())
            .Save(figure);
        foreach (var r in atRate)
            c.Rows.Add(ComparisonRow.NotReported($"hidden={r.Settings["hidden"]}, lr=0.1", "final training cost J", "Fig. 7 plots the costs; the text gives no values", UfldlCost(r.TrainLoss)));
        var best = atRate.MinBy(r => r.TrainLoss)!;
        c.Rows.Add(ComparisonRow.Reported("lr=0.1", "hidden nodes with the lowest final cost", 1000,
            "Sec. 4.1.2: \"the cost ... is minimum when the number of hidden layer nodes is 1000\"; Conclusions 2", double.Parse(best.Settings["hidden"], CultureInfo.InvariantCulture),
            c.Quick ? "--quick tries hidden 100 and 250 only" : ""));
        c.Rows.Add(ComparisonRow.FigureOf("Fig. 7", "cost vs hidden nodes at lr 0.1", c.Relative(figure + ".png")));
        var cell = rows.FirstOrDefault(r => r.Settings["lr"] == rate && r.Settings["hidden"] == "1000") ?? atRate[^1];
        string samples = Path.Combine(c.SharedFolder("dense-sweep"), SweepCellFolder(c, cell), "samples.png");
        c.Rows.Add(ComparisonRow.FigureOf("Fig. 8", $"test images clean, with 20 % noise, reconstructed (lr 0.1, hidden {cell.Settings["hidden"]})", c.Relative(samples)));
    }

    private static string SweepCellFolder(ReproduceContext c, SweepRow row) =>
        Directory.EnumerateDirectories(c.SharedFolder("dense-sweep"), $"cell-{row.Cell:D4}_*").Select(Path.GetFileName).First()!;

    public static void Noise(ReproduceContext c)
    {
        var levels = c.Quick ? new[] { 0.2, 0.5, 0.7 } : [0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
        var baseOptions = c.Recipe == PresetRecipe.Paper
            ? FullBatch(c, c.Quick ? 1000 : 5000, c.Quick ? 40 : 500) with { LearningRate = GpuAERate(0.1), Hidden = 100 }
            : new TrainingOptions { Model = "dense", Dataset = "fashion-mnist", Optimizer = OptimizerKind.Sgd, LearningRate = 0.1f, Batch = 128, Epochs = c.Quick ? 2 : 20,
                Hidden = 1000, Loss = LossKind.Bce, TrainLimit = c.Quick ? 5000 : null, TestLimit = c.Quick ? 500 : null, Device = "", Out = "" };
        var definition = new SweepDefinition
        {
            Base = baseOptions,
            Grid = [],
            TrainNoises = ["mask:0.2", "mask:0.7"],
            TestNoises = levels.Select(l => new NoiseSpec(NoiseKind.Mask, (float)l).ToString()).ToList(),
        };
        string sweep = Path.Combine(c.Folder, "sweep");
        var rows = c.Sweep(sweep, definition);
        var test = c.Data("fashion-mnist", "test", baseOptions.TestLimit);
        int figure = 9;
        foreach (var train in rows.GroupBy(r => r.TrainNoise))
        {
            string cell = Directory.EnumerateDirectories(sweep, $"cell-{train.First().Cell:D4}_*").First();
            foreach (var r in train)
            {
                string setting = $"train {r.TrainNoise}, test {r.TestNoise}";
                c.Rows.Add(ComparisonRow.NotReported(setting, "test PSNR, reconstructed (dB)", "Figs 9-14 show images only", r.PsnrDenoised, $"noisy {r.PsnrNoisy:F2} dB"));
                c.Rows.Add(ComparisonRow.NotReported(setting, "test SSIM, reconstructed", "Figs 9-14 show images only", r.SsimDenoised, $"noisy {r.SsimNoisy:F3}"));
            }
            foreach (double level in new[] { 0.2, 0.5, 0.7 })
            {
                var noise = new NoiseSpec(NoiseKind.Mask, (float)level);
                string path = Path.Combine(c.Folder, $"reconstructions_train-{train.Key.Replace(':', '-')}_test-mask-{level:0.0}.png");
                ReconstructionFigures.Draw(c.Accelerator, Path.Combine(cell, "model.gae"), test, noise, c.Seed, path);
                c.Rows.Add(ComparisonRow.FigureOf($"Fig. {figure++}", $"test images with {level:P0} noise on a network trained with {train.Key}: clean, noisy, reconstructed", c.Relative(path)));
            }
            c.PerClass(cell, test, NoiseSpec.Parse(train.Key));
        }
    }
}
