using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Metrics;
using GpuAE.Plots;

namespace GpuAE.Classification;

/// <summary>
/// The files of `gpuae classify` (README, "Output files"): summary.json ("gpuae-classify/1"),
/// confusion-&lt;clean|noisy|denoised&gt;.csv/.png/.svg, accuracy.png/.svg (a bar per condition) and, with
/// --folds, folds.csv (one row per fold). With folds the confusion matrices pool every fold's
/// held-out predictions, so each training image is counted once.
/// </summary>
public sealed class ClassifyOutputs(string folder)
{
    public const string Format = "gpuae-classify/1";
    public const string FoldsFile = "folds.csv";
    public string Folder { get; } = folder;

    /// <summary>The path of a file in the folder, creating the folder on first use.</summary>
    private string PathOf(string file)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, file);
    }

    /// <summary>confusion-NAME.csv, .png and .svg for each condition present; the heatmap titles name the classifier and the denoiser.</summary>
    public void WriteConfusions(NoiseConditions results, IReadOnlyList<string> classNames, string classifier, string? denoiser)
    {
        string Images(string condition) => condition == "denoised" && denoiser is not null ? $"denoised by {denoiser}" : $"{condition} images";
        foreach (var (name, r) in results.Present())
        {
            AtomicFile.WriteAllText(PathOf($"confusion-{name}.csv"), ConfusionMatrixFormats.ToCsv(r.Confusion, classNames));
            ConfusionMatrixFormats.ToHeatmap(r.Confusion, classNames, $"{classifier}, {Images(name)}: accuracy {r.Accuracy:P2}").Save(PathOf($"confusion-{name}"));
        }
    }

    /// <summary>accuracy.png/.svg: one bar per condition (percent).</summary>
    public void WriteAccuracyChart(NoiseConditions results, string title)
    {
        var present = results.Present().ToList();
        new BarChart(present.Select(p => p.Name).ToList()) { Title = title, XLabel = "test images", YLabel = "accuracy (%)", ShowValues = true }
            .AddSeries("accuracy", present.Select(p => 100 * p.Result.Accuracy).ToList())
            .Save(PathOf("accuracy"));
    }

    public const string FoldsHeader = "fold,train_images,held_out_images,clean_accuracy,noisy_accuracy,denoised_accuracy,clean_loss,noisy_loss,denoised_loss,seconds";

    public void WriteFolds(IReadOnlyList<FoldResult> folds)
    {
        var sb = new StringBuilder(FoldsHeader).Append('\n');
        foreach (var f in folds)
        {
            var r = f.Results;
            sb.Append(string.Join(",", f.Fold.ToString(CultureInfo.InvariantCulture), f.TrainCount.ToString(CultureInfo.InvariantCulture),
                f.HeldOutCount.ToString(CultureInfo.InvariantCulture), F(r.Clean.Accuracy), F(r.Noisy.Accuracy), F(r.Denoised?.Accuracy),
                F(r.Clean.Loss), F(r.Noisy.Loss), F(r.Denoised?.Loss), F(f.Seconds))).Append('\n');
        }
        AtomicFile.WriteAllText(PathOf(FoldsFile), sb.ToString());
    }

    private static string F(double? v) => v is double d ? d.ToString("G7", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// summary.json: the caller's configuration and description of the inputs, the device, and an
    /// object per condition ("clean", "noisy", "denoised") with the accuracy, loss, per-class
    /// accuracy and confusion matrix; with folds, the per-fold accuracies and, per condition, their
    /// mean and standard deviation.
    /// </summary>
    public void WriteSummary(JsonNode? configuration, JsonObject inputs, Accelerator acc, NoiseConditions results, IReadOnlyList<FoldResult>? folds, IReadOnlyList<string> classNames)
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["configuration"] = configuration,
            ["inputs"] = inputs,
            ["device"] = new JsonObject { ["spec"] = acc.Info.Spec, ["name"] = acc.Info.Name, ["runtime"] = acc.Info.Runtime, ["kernels"] = acc.Kernels.ToString() },
            ["evaluated_on"] = folds is null ? "test split" : $"{folds.Count}-fold cross-validation on the training split (held-out predictions pooled)",
            ["recovered_fraction"] = results.RecoveredFraction is double f ? ConfusionMatrixFormats.Finite(f) : null,
        };
        foreach (var (name, r) in results.Present())
        {
            var entry = new JsonObject { ["accuracy"] = ConfusionMatrixFormats.Finite(r.Accuracy), ["loss"] = ConfusionMatrixFormats.Finite(r.Loss), ["images"] = r.Confusion.Total };
            if (folds is not null) AddFoldStatistics(entry, folds, name);
            ConfusionMatrixFormats.AddTo(entry, r.Confusion, classNames);
            json[name] = entry; // one level down, where `gpuae report` looks for confusion matrices
        }
        if (folds is not null) json["folds"] = FoldsJson(folds);
        AtomicFile.WriteAllText(PathOf("summary.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static void AddFoldStatistics(JsonObject entry, IReadOnlyList<FoldResult> folds, string condition)
    {
        var accuracies = folds.Select(f => Condition(f.Results, condition)!.Accuracy).ToList();
        var (mean, std) = CrossValidation.MeanStd(accuracies);
        entry["fold_accuracy_mean"] = ConfusionMatrixFormats.Finite(mean);
        entry["fold_accuracy_std"] = ConfusionMatrixFormats.Finite(std);
    }

    private static JsonArray FoldsJson(IReadOnlyList<FoldResult> folds)
    {
        var array = new JsonArray();
        foreach (var f in folds)
        {
            var o = new JsonObject { ["fold"] = f.Fold, ["train_images"] = f.TrainCount, ["held_out_images"] = f.HeldOutCount, ["seconds"] = Math.Round(f.Seconds, 3) };
            foreach (var (name, r) in f.Results.Present()) o[$"{name}_accuracy"] = ConfusionMatrixFormats.Finite(r.Accuracy);
            array.Add(o);
        }
        return array;
    }

    /// <summary>A condition's result by name ("clean", "noisy", "denoised"); null when it was not run.</summary>
    public static ClassificationResult? Condition(NoiseConditions r, string name) => name switch
    {
        "clean" => r.Clean,
        "noisy" => r.Noisy,
        "denoised" => r.Denoised,
        _ => throw new ArgumentException($"unknown condition '{name}' (clean, noisy, denoised)"),
    };
}
