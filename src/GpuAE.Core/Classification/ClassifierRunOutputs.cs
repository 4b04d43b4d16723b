using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Metrics;
using GpuAE.Plots;

namespace GpuAE.Classification;

/// <summary>
/// The files of a classifier run folder (README, "Output files"): metrics.csv (one row per
/// evaluation), summary.json ("gpuae-classifier/1"), confusion.csv, and confusion, loss and accuracy
/// charts (.png and .svg); the checkpoint model.gae is written by <see cref="Training.RunOutputs"/>.
/// </summary>
public sealed class ClassifierRunOutputs(string folder)
{
    public const string Format = "gpuae-classifier/1";
    public string Folder { get; } = folder;

    public void WriteMetrics(IEnumerable<ClassifierEpochRecord> records)
    {
        var sb = new StringBuilder().Append(ClassifierEpochRecord.CsvHeader).Append('\n');
        foreach (var r in records) sb.Append(r.ToCsv()).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(Folder, "metrics.csv"), sb.ToString());
    }

    /// <summary>Writes confusion.csv and confusion.png/.svg of the test split.</summary>
    public void WriteConfusion(ConfusionMatrix m, IReadOnlyList<string> classNames, string title)
    {
        AtomicFile.WriteAllText(Path.Combine(Folder, "confusion.csv"), ConfusionMatrixFormats.ToCsv(m, classNames));
        ConfusionMatrixFormats.ToHeatmap(m, classNames, title).Save(Path.Combine(Folder, "confusion"));
    }

    public void WriteCurves(IReadOnlyList<ClassifierEpochRecord> records)
    {
        var epochs = records.Select(r => (double)r.Epoch).ToList();
        new LineChart { Title = "Loss per epoch", XLabel = "epoch", YLabel = "softmax cross-entropy (per image)" }
            .AddSeries("train", epochs, records.Select(r => r.TrainLoss).ToList())
            .AddSeries("test", epochs, records.Select(r => r.TestLoss).ToList())
            .Save(Path.Combine(Folder, "loss"));
        new LineChart { Title = "Test accuracy per epoch", XLabel = "epoch", YLabel = "test accuracy" }
            .AddSeries("test", epochs, records.Select(r => r.TestAccuracy).ToList())
            .Save(Path.Combine(Folder, "accuracy"));
    }

    /// <summary>
    /// summary.json: the caller's configuration object, the device, the accuracies, and the test
    /// confusion matrix with per-class accuracy. Extra entries (a labelled subset, pretraining
    /// records) are merged in at the top level.
    /// </summary>
    public void WriteSummary(JsonNode? configuration, Accelerator acc, long parameters, ClassifierFitResult fit, double? trainAccuracy,
        IReadOnlyList<string> classNames, JsonObject? extra = null)
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["configuration"] = configuration,
            ["device"] = new JsonObject { ["spec"] = acc.Info.Spec, ["name"] = acc.Info.Name, ["runtime"] = acc.Info.Runtime, ["kernels"] = acc.Kernels.ToString() },
            ["parameters"] = parameters,
            ["epochs"] = fit.Epochs.Count == 0 ? 0 : fit.Epochs[^1].Epoch,
            ["wall_seconds"] = Math.Round(fit.WallSeconds, 3),
            ["train_accuracy"] = trainAccuracy is double t ? ConfusionMatrixFormats.Finite(t) : null,
            ["test_accuracy"] = ConfusionMatrixFormats.Finite(fit.Test.Accuracy),
            ["test_loss"] = ConfusionMatrixFormats.Finite(fit.Test.Loss),
        };
        ConfusionMatrixFormats.AddTo(json, fit.Test.Confusion, classNames);
        if (extra is not null)
            foreach (var (key, value) in extra.ToList()) { extra.Remove(key); json[key] = value; }
        AtomicFile.WriteAllText(Path.Combine(Folder, "summary.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
