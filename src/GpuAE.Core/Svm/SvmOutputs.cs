using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.IO;
using GpuAE.Metrics;
using GpuAE.Plots;

namespace GpuAE.Svm;

/// <summary>Writes an <see cref="SvmEvaluation"/> as summary.json ("gpuae-svm/1") and confusion.png / confusion.svg.</summary>
public static class SvmOutputs
{
    public const string Format = "gpuae-svm/1";
    public const string SummaryFile = "summary.json", ConfusionChartName = "confusion";

    /// <param name="data">summary.json's "data" (the files read; see DatasetOrigin), if any.</param>
    public static void Write(string directory, SvmEvaluation e, JsonObject? data = null)
    {
        Directory.CreateDirectory(directory);
        var summary = Summary(e);
        if (data is not null) summary["data"] = data;
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFile), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        ConfusionChart(e).Save(Path.Combine(directory, ConfusionChartName));
    }

    public static JsonObject Summary(SvmEvaluation e)
    {
        var summary = new JsonObject
        {
            ["format"] = Format,
            ["config"] = new JsonObject
            {
                ["dataset"] = e.Dataset, ["features"] = e.Features, ["train_count"] = e.TrainCount, ["test_count"] = e.TestCount,
                ["svm_type"] = "c-svc", ["kernel"] = "rbf", ["c"] = e.Parameters.C, ["gamma"] = e.Parameters.Gamma,
                ["tolerance"] = e.Parameters.Tolerance, ["cache_mb"] = e.Parameters.CacheSizeMb, ["shrinking"] = e.Parameters.Shrinking,
                ["libsvm_version"] = SvmModel.LibraryVersion,
            },
            ["train_accuracy"] = Finite(e.TrainAccuracy),
            ["test_accuracy"] = Finite(e.TestAccuracy),
            ["support_vectors"] = e.SupportVectorCount,
            ["seconds"] = new JsonObject { ["train"] = Math.Round(e.TrainSeconds, 3), ["predict"] = Math.Round(e.PredictSeconds, 3) },
        };
        ConfusionMatrixFormats.AddTo(summary, e.TestConfusion, e.ClassNames);
        return summary;
    }

    public static Heatmap ConfusionChart(SvmEvaluation e) => ConfusionMatrixFormats.ToHeatmap(e.TestConfusion, e.ClassNames,
        $"SVM (RBF, C={e.Parameters.C}, gamma={e.Parameters.Gamma}) on {e.Dataset} {e.Features}: test accuracy {e.TestAccuracy:P1}");

    /// <summary>The confusion matrix as a text table (rows true, columns predicted) for the console.</summary>
    public static string ConfusionTable(SvmEvaluation e) => ConfusionMatrixFormats.ToTable(e.TestConfusion, e.ClassNames);

    private static JsonNode? Finite(double v) => ConfusionMatrixFormats.Finite(v);
}
