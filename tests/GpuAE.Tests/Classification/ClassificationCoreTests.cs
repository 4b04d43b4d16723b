using GpuAE.Classification;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Tests.Compute;
using GpuAE.Tests.Training;
using GpuAE.Tests.Data;
using GpuAE.Training;
using GpuAE.Metrics;

namespace GpuAE.Tests.Classification;

/// <summary>The supervised step, the frozen prefix and the evaluator, on every accelerator.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ClassificationCoreTests(ITestOutputHelper output)
{
    /// <summary>Random images whose label is the brightest of ten 78-pixel bands: learnable by a small MLP.</summary>
    private static Dataset BandDataset(int count, int seed)
    {
        var rng = new Random(seed);
        var images = new float[count * Dataset.PixelsPerImage];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)rng.Next(10);
            for (int p = 0; p < Dataset.PixelsPerImage; p++)
                images[i * Dataset.PixelsPerImage + p] = (float)rng.NextDouble() * 0.5f + (p / 78 == labels[i] ? 0.5f : 0f);
        }
        return new Dataset("bands", "train", images, labels, Enumerable.Range(0, 10).Select(c => $"band {c}").ToList());
    }

    private static Network Mlp(Accelerator acc, int batch)
    {
        var net = new Network([new Flatten(), new Dense(32), new Sigmoid(), new Dense(10)]);
        net.Build(acc, new TensorShape(1, 28, 28), batch, seed: 7);
        return net;
    }

    private static float[] Read(Accelerator acc, Parameter p)
    {
        var host = new float[p.Length];
        acc.Download(p.Value, host);
        return host;
    }

    [Fact]
    public void ArgMax_takes_the_first_largest_logit_and_never_a_NaN()
    {
        Assert.Equal(1, ClassificationMeasure.ArgMax([0.5f, 2f, 2f, -1f]));
        Assert.Equal(2, ClassificationMeasure.ArgMax([float.NaN, 0.1f, 0.3f]));
        Assert.Equal(0, ClassificationMeasure.ArgMax([3f]));
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Training_steps_raise_the_accuracy_of_a_learnable_task_far_above_chance(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var train = BandDataset(600, 1);
        var test = BandDataset(200, 2);
        using var net = Mlp(acc, 50);
        using var optimizer = new Adam(0.01f);
        var fit = FitLoop.FitClassifier(acc, net, optimizer, train, test, new FitSettings(3, 0.01f, LearningRateSchedule.Constant), NoiseSpec.None, 5, SilentObserver.Instance);
        output.WriteLine($"{spec}: test accuracy {fit.Final.Accuracy:P1}, losses {string.Join(" ", fit.Epochs.Select(e => e.TrainLoss.ToString("F3")))}");
        Assert.True(fit.Final.Accuracy > 0.9, $"accuracy {fit.Final.Accuracy:P1}");
        Assert.True(fit.Epochs[^1].TrainLoss < fit.Epochs[0].TrainLoss);
        Assert.Equal(200, fit.Final.Confusion.Total);
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Layers_below_the_first_trainable_one_keep_their_weights(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var train = BandDataset(100, 3);
        using var net = Mlp(acc, 25);
        var dense1 = (Dense)net.Layers[1];
        var dense2 = (Dense)net.Layers[3];
        var frozenBefore = Read(acc, dense1.Weights);
        var headBefore = Read(acc, dense2.Weights);
        using var optimizer = new Sgd(0.5f);
        using var session = TrainingSession.ForClassifier(acc, net, optimizer, train, NoiseSpec.None, 1, firstTrainableLayer: 3);
        var order = Enumerable.Range(0, 100).ToArray();
        for (int start = 0; start < 100; start += 25) session.Step(order, start, 25, 1, (uint)(start / 25));
        Assert.Equal(frozenBefore, Read(acc, dense1.Weights));
        Assert.NotEqual(headBefore, Read(acc, dense2.Weights));
    }

    [Theory]
    [MemberData(nameof(TrainingRuntimes.ManagedAndGpus), MemberType = typeof(TrainingRuntimes))]
    public void Evaluating_with_noise_changes_predictions_and_no_noise_matches_clean(string spec)
    {
        var acc = AcceleratorSpecs.TryOpen(spec, output);
        if (acc is null) return;
        var data = BandDataset(120, 4);
        using var net = Mlp(acc, 50);
        using var evaluator = Evaluator.ForClassifier(acc, net);
        using var feeder = new BatchFeeder(acc, data, 50);
        var clean1 = evaluator.Classification(data, NoiseSpec.None, 1, feeder);
        var clean2 = evaluator.Classification(data, NoiseSpec.None, 2, feeder);
        var noisy = evaluator.Classification(data, NoiseSpec.Parse("gaussian:2"), 1, feeder);
        Assert.Equal(clean1.Confusion.Counts, clean2.Confusion.Counts);
        Assert.NotEqual(clean1.Loss, noisy.Loss);
    }

    [Fact]
    public void A_denoiser_whose_output_does_not_fit_the_classifier_is_refused()
    {
        var acc = AcceleratorSpecs.TryOpen("cpu", output)!;
        using var net = Mlp(acc, 10);
        using var denoiser = new Network([new Flatten(), new Dense(100)]);
        denoiser.Build(acc, new TensorShape(1, 28, 28), 10, 1);
        var e = Assert.Throws<ArgumentException>(() => Evaluator.ForClassifier(acc, net, denoiser));
        Assert.Contains("denoiser outputs", e.Message);
    }

    [Fact]
    public void Lenet_reaches_ninety_percent_on_real_mnist_in_one_epoch_of_ten_thousand_images()
    {
        if (!RealData.Require(output, "mnist")) return;
        var acc = AcceleratorSpecs.TryOpen("cpu", output)!;
        var train = DatasetStore.Load("mnist", "train", RealData.DataDir).Take(10000);
        var test = DatasetStore.Load("mnist", "test", RealData.DataDir).Take(2000);
        using var net = Models.ModelCatalog.Create(new Models.ModelConfig { Name = "lenet" });
        net.Build(acc, new TensorShape(1, 28, 28), 64, 1);
        using var optimizer = new Adam(1e-3f);
        var fit = FitLoop.FitClassifier(acc, net, optimizer, train, test, new FitSettings(1, 1e-3f, LearningRateSchedule.Constant), NoiseSpec.None, 1, SilentObserver.Instance);
        output.WriteLine($"lenet test accuracy {fit.Final.Accuracy:P2}");
        Assert.True(fit.Final.Accuracy > 0.9, $"accuracy {fit.Final.Accuracy:P2}");
    }
}
