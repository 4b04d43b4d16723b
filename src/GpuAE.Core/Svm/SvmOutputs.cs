using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.IO;
using GpuAE.Plots;

namespace GpuAE.Svm;

/// <summary>Writes an <see cref="SvmEvaluation"/> as summary.json ("gpuae-svm/1") and confusion.svg.</summary>
public static class SvmOutputs
{
    public const string Format = "gpuae-svm/1";
    public const string SummaryFile = "summary.json", ConfusionFile = "confusion.svg";

    public static void Write(string directory, SvmEvaluation e)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, SummaryFile), Summary(e).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        ConfusionChart(e).Save(Path.Combine(directory, ConfusionFile));
    }

    public static JsonObject Summary(SvmEvaluation e)
    {
        var m = e.TestConfusion;
        var perClass = new JsonArray();
        var rows = new JsonArray();
        for (int c = 0; c < m.ClassCount; c++)
        {
            perClass.Add(new JsonObject { ["class"] = c, ["name"] = ClassName(e, c), ["accuracy"] = Finite(m.ClassAccuracy(c)), ["count"] = m.Support(c) });
            var row = new JsonArray();
            for (int p = 0; p < m.ClassCount; p++) row.Add(m.Counts[c, p]);
            rows.Add(row);
        }
        return new JsonObject
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
            ["per_class_accuracy"] = perClass,
            ["confusion_matrix"] = new JsonObject { ["rows"] = "true class", ["columns"] = "predicted class", ["counts"] = rows },
            ["support_vectors"] = e.SupportVectorCount,
            ["seconds"] = new JsonObject { ["train"] = Math.Round(e.TrainSeconds, 3), ["predict"] = Math.Round(e.PredictSeconds, 3) },
        };
    }

    public static SvgHeatmap ConfusionChart(SvmEvaluation e)
    {
        var m = e.TestConfusion;
        var values = new double[m.ClassCount, m.ClassCount];
        for (int t = 0; t < m.ClassCount; t++)
            for (int p = 0; p < m.ClassCount; p++) values[t, p] = m.Counts[t, p];
        var names = Enumerable.Range(0, m.ClassCount).Select(c => ClassName(e, c)).ToList();
        return new SvgHeatmap(values)
        {
            Title = $"SVM (RBF, C={e.Parameters.C}, gamma={e.Parameters.Gamma}) on {e.Dataset} {e.Features}: test accuracy {e.TestAccuracy:P1}",
            XLabel = "predicted class", YLabel = "true class", ColorBarLabel = "test images",
            RowLabels = names, ColumnLabels = names, ValueFormat = "0", Min = 0,
        };
    }

    /// <summary>The confusion matrix as a text table (rows true, columns predicted) for the console.</summary>
    public static string ConfusionTable(SvmEvaluation e)
    {
        var m = e.TestConfusion;
        int nameWidth = Enumerable.Range(0, m.ClassCount).Max(c => ClassName(e, c).Length) + 4;
        var sb = new System.Text.StringBuilder();
        sb.Append("true \\ predicted".PadRight(nameWidth));
        for (int p = 0; p < m.ClassCount; p++) sb.Append($"{p,5}");
        sb.AppendLine("   recall");
        for (int t = 0; t < m.ClassCount; t++)
        {
            sb.Append($"{t,2} {ClassName(e, t)}".PadRight(nameWidth));
            for (int p = 0; p < m.ClassCount; p++) sb.Append($"{m.Counts[t, p],5}");
            sb.AppendLine($"   {m.ClassAccuracy(t),6:P1}");
        }
        return sb.ToString();
    }

    private static string ClassName(SvmEvaluation e, int c) => c < e.ClassNames.Count ? e.ClassNames[c] : c.ToString();

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;
}
