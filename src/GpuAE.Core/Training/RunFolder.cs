using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Plots;

namespace GpuAE.Training;

/// <summary>
/// The files of a training run folder (formats documented in README.md, "Output files"), of a
/// denoiser (metrics.csv, summary.json "gpuae-summary/1", model.gae, the loss chart, samples.png) or a
/// classifier (metrics.csv, summary.json "gpuae-classifier/1", model.gae, confusion.csv, and
/// confusion, loss and accuracy charts; every chart as .png and .svg). Every file is written whole to a temporary name and renamed, so a
/// killed run never leaves half a file.
/// </summary>
public sealed class RunFolder(string folder)
{
    public const string DenoiserFormat = "gpuae-summary/1", ClassifierFormat = "gpuae-classifier/1";

    public string Folder { get; } = folder;

    public string MetricsPath => Path.Combine(Folder, "metrics.csv");
    public string SummaryPath => Path.Combine(Folder, "summary.json");
    public string CheckpointPath => Path.Combine(Folder, "model.gae");
    /// <summary>loss.png and loss.svg.</summary>
    public string LossPlotPath => Path.Combine(Folder, "loss");
    public string SamplesPath => Path.Combine(Folder, "samples.png");

    /// <summary>A diverged run has infinite or NaN metrics: written as "Infinity" / "NaN" strings, not a crash.</summary>
    private static readonly JsonSerializerOptions NonFinite = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void WriteMetrics<T>(IEnumerable<EpochRecord<T>> records) where T : ITestResult
    {
        var sb = new StringBuilder().Append(EpochRecord<T>.CsvHeader).Append('\n');
        foreach (var r in records) sb.Append(r.ToCsv()).Append('\n');
        AtomicFile.WriteAllText(MetricsPath, sb.ToString());
    }

    public void WriteCheckpoint(ModelConfig config, Network network, TrainingData? training) => Checkpoint.Save(CheckpointPath, config, network, training);

    /// <summary>The accelerator as summary files record it.</summary>
    public static JsonObject DeviceJson(Accelerator acc) => new()
    {
        ["spec"] = acc.Info.Spec, ["name"] = acc.Info.Name, ["runtime"] = acc.Info.Runtime, ["kernels"] = acc.Kernels.ToString(),
    };

    /// <summary>summary.json of a denoiser's run.</summary>
    public void WriteSummary(TrainingOptions options, Accelerator acc, TrainingResult<Evaluation> result, string optimizer, JsonObject? data = null) => WriteJson(new JsonObject
    {
        ["format"] = DenoiserFormat,
        ["configuration"] = JsonSerializer.SerializeToNode(options),
        ["model"] = JsonSerializer.SerializeToNode(result.Config),
        ["optimizer"] = optimizer,
        ["device"] = DeviceJson(acc),
        ["parameters"] = result.Parameters,
        ["epochs"] = result.Epochs.Count,
        ["wall_seconds"] = Math.Round(result.WallSeconds, 3),
        ["peak_device_bytes"] = acc.PeakAllocatedBytes,
        ["final"] = JsonSerializer.SerializeToNode(result.Final, NonFinite),
        ["data"] = data,
    });

    /// <summary>
    /// summary.json of a classifier's run: the caller's configuration object, the device, the
    /// accuracies, and the test confusion matrix with per-class accuracy. Extra entries (a
    /// labelled subset, pretraining records) are merged in at the top level.
    /// </summary>
    public void WriteClassifierSummary(JsonNode? configuration, Accelerator acc, long parameters, FitResult<ClassificationResult> fit, double? trainAccuracy,
        IReadOnlyList<string> classNames, JsonObject? extra = null)
    {
        var json = new JsonObject
        {
            ["format"] = ClassifierFormat,
            ["configuration"] = configuration,
            ["device"] = DeviceJson(acc),
            ["parameters"] = parameters,
            ["epochs"] = fit.Epochs.Count == 0 ? 0 : fit.Epochs[^1].Epoch,
            ["wall_seconds"] = Math.Round(fit.WallSeconds, 3),
            ["train_accuracy"] = trainAccuracy is double t ? ConfusionMatrixFormats.Finite(t) : null,
            ["test_accuracy"] = ConfusionMatrixFormats.Finite(fit.Final.Accuracy),
            ["test_loss"] = ConfusionMatrixFormats.Finite(fit.Final.Loss),
        };
        ConfusionMatrixFormats.AddTo(json, fit.Final.Confusion, classNames);
        if (extra is not null)
            foreach (var (key, value) in extra.ToList()) { extra.Remove(key); json[key] = value; }
        WriteJson(json);
    }

    private void WriteJson(JsonObject json) => AtomicFile.WriteAllText(SummaryPath, json.ToJsonString(Indented) + "\n");

    /// <summary>loss.png/.svg: train and test loss per epoch.</summary>
    public void WriteLossPlot(IReadOnlyList<IEpochRecord> records, string yLabel)
    {
        var epochs = records.Select(r => (double)r.Epoch).ToList();
        new LineChart { Title = "Loss per epoch", XLabel = "epoch", YLabel = yLabel }
            .AddSeries("train", epochs, records.Select(r => r.TrainLoss).ToList())
            .AddSeries("test", epochs, records.Select(r => r.TestLoss).ToList())
            .Save(LossPlotPath);
    }

    /// <summary>accuracy.png/.svg: a classifier's test accuracy per epoch.</summary>
    public void WriteAccuracyPlot(IReadOnlyList<EpochRecord<ClassificationResult>> records)
    {
        var epochs = records.Select(r => (double)r.Epoch).ToList();
        new LineChart { Title = "Test accuracy per epoch", XLabel = "epoch", YLabel = "test accuracy" }
            .AddSeries("test", epochs, records.Select(r => r.Test.Accuracy).ToList())
            .Save(Path.Combine(Folder, "accuracy"));
    }

    /// <summary>Writes confusion.csv and confusion.png/.svg of the test split.</summary>
    public void WriteConfusion(ConfusionMatrix m, IReadOnlyList<string> classNames, string title)
    {
        AtomicFile.WriteAllText(Path.Combine(Folder, "confusion.csv"), ConfusionMatrixFormats.ToCsv(m, classNames));
        ConfusionMatrixFormats.ToHeatmap(m, classNames, title).Save(Path.Combine(Folder, "confusion"));
    }

    /// <summary>samples.png: three labelled rows (clean, noisy, denoised) of the same test images, each noisy and denoised one captioned with its PSNR.</summary>
    public void WriteSamples(float[] clean, float[] noisy, float[] denoised, int height, int width) =>
        SampleRows.Grid(width, height, clean, clean.Length / (height * width), [("noisy", noisy, "denoised", denoised)]).Save(SamplesPath);
}
