using System.Globalization;
using GpuAE.Classification;
using GpuAE.Compute;
using GpuAE.Checkpoints;
using GpuAE.Noise;
using GpuAE.Plots;
using GpuAE.Stacked;
using GpuAE.Svm;
using GpuAE.Training;
using GpuAE.Data;
using GpuAE.Metrics;

namespace GpuAE.Reproduce;

/// <summary>
/// The stacked-autoencoder and SVM presets of `gpuae reproduce` (Ogety report, section 3.2):
/// the report's setting is 5000 training images, layers 500-300-100, mask:0.2, 500 pretraining
/// iterations per layer and a softmax head on the frozen stack. `--quick` shrinks the pool, the
/// test split and the iterations so each preset takes a minute or two on two CPU cores.
/// </summary>
public static class StackedExperiments
{
    public const string Ogety = "Ogety report, section 3.2 (stacked denoising autoencoder on Fashion-MNIST; SVM baseline)";

    /// <summary>The report's run, scaled for --quick.</summary>
    private static StackedOptions Base(ReproduceContext c) => new()
    {
        Dataset = "fashion-mnist", Layers = [500, 300, 100], Noise = NoiseSpec.Parse("mask:0.2"), PretrainIters = c.Quick ? 200 : 500, LearningRate = 0.1f,
        Finetune = FinetuneMode.Softmax, TrainLimit = c.Quick ? 2000 : 5000, TestLimit = c.Quick ? 500 : null, Batch = 20, Seed = 1,
    };

    /// <summary>The few-label recipe measured in the README: longer pretraining, every layer fine-tuned at a small learning rate.</summary>
    private static StackedOptions Recipe(ReproduceContext c) => Base(c) with
    {
        PretrainIters = c.Quick ? 1000 : 20000, Finetune = FinetuneMode.All, FinetuneLearningRate = 0.01f, FinetuneEpochs = 1000,
    };

    /// <summary>Runs one `gpuae stacked` into Folder/name.</summary>
    public static StackedResult Run(ReproduceContext c, string name, StackedOptions o)
    {
        o = o with { Out = Path.Combine(c.Folder, name), DataDir = "" };
        c.Observer.OnMessage($"== {name}: stacked {string.Join(",", o.Layers)}, noise {o.Noise}, lr {o.LearningRate}, labels per class {o.LabelsPerClass?.ToString() ?? "all"}, finetune {o.Finetune}");
        return StackedTrainer.Run(o, c.Accelerator, c.Data(o.Dataset, "train", o.TrainLimit), c.Data(o.Dataset, "test", o.TestLimit), c.Observer);
    }

    /// <summary>stacked-lr: learning rate 0.1..0.5 vs train and test accuracy (Table 1).</summary>
    public static void LearningRate(ReproduceContext c)
    {
        var rates = c.Quick ? new[] { 0.1f, 0.3f, 0.5f } : [0.1f, 0.2f, 0.3f, 0.4f, 0.5f];
        var train = new List<double>();
        var test = new List<double>();
        foreach (float lr in rates)
        {
            string label = lr.ToString("0.0", CultureInfo.InvariantCulture);
            var r = Run(c, $"lr-{label}", Base(c) with { LearningRate = lr });
            train.Add(r.TrainAccuracy!.Value);
            test.Add(r.TestAccuracy!.Value);
            c.Rows.Add(new ComparisonRow($"lr={label}", "train accuracy (%)", null, 100 * r.TrainAccuracy!.Value));
            c.Rows.Add(new ComparisonRow($"lr={label}", "test accuracy (%)", null, 100 * r.TestAccuracy!.Value, "paper: Table 1"));
        }
        new LineChart { Title = "Stacked DAE: accuracy vs learning rate", XLabel = "learning rate", YLabel = "accuracy" }
            .AddSeries("train", rates.Select(r => (double)r).ToList(), train)
            .AddSeries("test", rates.Select(r => (double)r).ToList(), test)
            .Save(Path.Combine(c.Folder, "accuracy-vs-lr"));
    }

    /// <summary>stacked-labels: 1 and 5 labels per class, clean (plain autoencoders) and mask:0.2 pretraining (Tables 2 and 3).</summary>
    public static void Labels(ReproduceContext c)
    {
        var paper = new Dictionary<(int, string), double> { [(1, "none")] = 50.3, [(5, "none")] = 70.48, [(1, "mask:0.2")] = 50.8, [(5, "mask:0.2")] = 70.8 };
        foreach (string noise in new[] { "none", "mask:0.2" })
            foreach (int labels in new[] { 1, 5 })
            {
                string name = $"labels-{labels}_{noise.Replace(':', '-')}";
                var r = Run(c, name, Base(c) with { Noise = NoiseSpec.Parse(noise), LabelsPerClass = labels });
                string setting = $"{labels} label{(labels == 1 ? "" : "s")} per class, {(noise == "none" ? "clean" : noise)} input";
                c.Rows.Add(new ComparisonRow(setting, "test accuracy (%)", paper[(labels, noise)], 100 * r.TestAccuracy!.Value, $"train {100 * r.TrainAccuracy!.Value:F1} %"));
                var best = Run(c, name + "_finetune-all", Recipe(c) with { Noise = NoiseSpec.Parse(noise), LabelsPerClass = labels });
                c.Rows.Add(new ComparisonRow(setting + $", {best.Pretraining[0].Iterations} iterations, finetune all", "test accuracy (%)", null, 100 * best.TestAccuracy!.Value, "GpuAE's few-label recipe (README)"));
            }
    }

    /// <summary>stacked-noise: pretrained at mask:0.2 and mask:0.7, tested on mask-corrupted test images 0.2..0.7 (Table 4).</summary>
    public static void Noise(ReproduceContext c)
    {
        var levels = c.Quick ? new[] { 0.2f, 0.5f, 0.7f } : [0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f];
        var chart = new LineChart { Title = "Stacked DAE: test accuracy vs test mask level", XLabel = "test mask fraction", YLabel = "test accuracy" };
        foreach (string trainNoise in new[] { "mask:0.2", "mask:0.7" })
        {
            var o = Base(c) with { Noise = NoiseSpec.Parse(trainNoise) };
            string name = $"train-{trainNoise.Replace(':', '-')}";
            Run(c, name, o);
            var accuracies = levels.Select(level => NoisyTestAccuracy(c, name, o, new NoiseSpec(NoiseKind.Mask, level))).ToList();
            for (int i = 0; i < levels.Length; i++)
                c.Rows.Add(new ComparisonRow($"train {trainNoise}, test mask:{levels[i]:0.0}", "test accuracy (%)", null, 100 * accuracies[i], "paper: Table 4"));
            chart.AddSeries($"trained at {trainNoise}", levels.Select(l => (double)l).ToList(), accuracies);
        }
        chart.Save(Path.Combine(c.Folder, "accuracy-vs-test-noise"));
    }

    /// <summary>Accuracy of run <paramref name="name"/>'s classifier on test images corrupted by <paramref name="noise"/>.</summary>
    private static double NoisyTestAccuracy(ReproduceContext c, string name, StackedOptions o, NoiseSpec noise)
    {
        var test = c.Data(o.Dataset, "test", o.TestLimit);
        var (_, network) = Checkpoint.Load(Path.Combine(c.Folder, name, "model.gae"), c.Accelerator, 256);
        using (network) return Evaluator.Classify(c.Accelerator, network, test, noise, o.Seed).Accuracy;
    }

    /// <summary>svm-baseline: RBF SVM (C 5, gamma 0.05) on pixels vs the stacked autoencoder with 500 labels per class.</summary>
    public static void SvmBaseline(ReproduceContext c)
    {
        int pool = c.Quick ? 1000 : 5000, testCount = c.Quick ? 200 : 500;
        var train = c.Data("fashion-mnist", "train", pool);
        var test = c.Data("fashion-mnist", "test", testCount);
        var svm = SvmEvaluation.OnPixels(train, test, new SvmParameters(5, 0.05));
        SvmOutputs.Write(Path.Combine(c.Folder, "svm"), svm);
        c.Rows.Add(new ComparisonRow("SVM, RBF, C=5, gamma=0.05, raw pixels", "test accuracy (%)", 84.32, 100 * svm.TestAccuracy, $"{svm.TrainCount} train / {svm.TestCount} test"));

        // 500 per class is every image of a 5000-image pool only if the classes are balanced: take what the smallest class has.
        int perClass = Math.Min(pool / 10, Enumerable.Range(0, 10).Min(k => train.Labels.Count(l => l == k)));
        var r = Run(c, "stacked", Base(c) with { TrainLimit = pool, TestLimit = testCount, LabelsPerClass = perClass });
        c.Rows.Add(new ComparisonRow($"stacked DAE, {perClass} labels per class, finetune softmax", "test accuracy (%)", 76.40, 100 * r.TestAccuracy!.Value, $"train {100 * r.TrainAccuracy!.Value:F1} %"));
        var all = Run(c, "stacked-finetune-all", Base(c) with { TrainLimit = pool, TestLimit = testCount, LabelsPerClass = perClass, Finetune = FinetuneMode.All });
        c.Rows.Add(new ComparisonRow($"stacked DAE, {perClass} labels per class, finetune all", "test accuracy (%)", null, 100 * all.TestAccuracy!.Value, "not in the paper"));
        var codes = StackedFeatures.Encode(c.Accelerator, Path.Combine(c.Folder, "stacked", "model.gae"), train, test);
        var onCodes = SvmEvaluation.OnFeatures(codes[0], codes[1], new SvmParameters(5, 0.05), "stacked codes");
        c.Rows.Add(new ComparisonRow("SVM on the stacked DAE's top codes", "test accuracy (%)", null, 100 * onCodes.TestAccuracy, "not in the paper"));
    }
}
