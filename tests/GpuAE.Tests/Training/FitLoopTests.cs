using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Progress;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

/// <summary>The one fit loop: progress within epochs at the observer's interval, evaluation records, resumable start.</summary>
public sealed class FitLoopTests
{
    private sealed class Recorder(TimeSpan? interval) : ITrainingObserver
    {
        public List<WorkProgress> Progress { get; } = [];
        public List<IEpochRecord> Epochs { get; } = [];
        public TimeSpan? ProgressInterval => interval;
        public void OnProgress(WorkProgress p) => Progress.Add(p);
        public void OnEpoch(IEpochRecord record, int epochs) => Epochs.Add(record);
        public void OnMessage(string line) { }
    }

    private static Dataset Synthetic(int n, int seed) =>
        new("synthetic", "train", TestData.Images(n, 28, 28, seed), new byte[n], KnownDatasets.DigitClassNames);

    private static FitResult<Evaluation> Fit(Recorder observer, FitSettings settings, List<int>? finished = null)
    {
        using var acc = new CpuAccelerator();
        var train = Synthetic(100, 1);
        var test = Synthetic(20, 2);
        using var network = ModelCatalog.Create(new ModelConfig { Name = "dense", Hidden = 16 });
        network.Build(acc, new TensorShape(1, 28, 28), 10, seed: 1);
        using var loss = Loss.Create(LossKind.Bce);
        loss.Build(acc, network);
        using var optimizer = new Sgd(0.1f);
        using var session = new TrainingSession(acc, network, loss, optimizer, train, NoiseSpec.Parse("mask:0.2"), 1);
        using var evaluator = new Evaluator(acc, network, loss);
        using var feeder = new BatchFeeder(acc, test, network.MaxBatch);
        return FitLoop.Run(session, () => evaluator.Denoising(test, NoiseSpec.Parse("mask:0.2"), 1, feeder), settings, observer, afterEpoch: finished is null ? null : finished.Add);
    }

    [Fact]
    public void Progress_within_an_epoch_counts_the_images_done_with_the_running_loss()
    {
        var observer = new Recorder(TimeSpan.Zero);
        Fit(observer, new FitSettings(1, 0.1f, LearningRateSchedule.Constant));
        Assert.Equal(Enumerable.Range(1, 10).Select(b => 10L * b), observer.Progress.Select(p => p.Done));
        Assert.All(observer.Progress, p => Assert.Equal(("epoch 1/1", 100L, "images"), (p.Label, p.Total, p.Unit)));
        Assert.All(observer.Progress, p => Assert.True(double.IsFinite(p.RunningLoss) && p.RunningLoss > 0));
    }

    [Fact]
    public void Without_a_progress_interval_nothing_is_reported_within_an_epoch()
    {
        var observer = new Recorder(null);
        Fit(observer, new FitSettings(2, 0.1f, LearningRateSchedule.Constant));
        Assert.Empty(observer.Progress);
        Assert.Equal([1, 2], observer.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void A_resumed_fit_starts_at_its_first_epoch_and_reports_each_finished_epoch()
    {
        var finished = new List<int>();
        var observer = new Recorder(null);
        var fit = Fit(observer, new FitSettings(3, 0.1f, LearningRateSchedule.Cosine) { FirstEpoch = 2 }, finished);
        Assert.Equal([2, 3], fit.Epochs.Select(e => e.Epoch));
        Assert.Equal([2, 3], finished);
    }
}
