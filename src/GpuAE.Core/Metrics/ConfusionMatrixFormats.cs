using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GpuAE.Plots;

namespace GpuAE.Metrics;

/// <summary>
/// The ways a confusion matrix leaves the program, shared by every classifier (SVM, softmax
/// classifiers, the stacked autoencoder): JSON for summary.json, CSV, a heatmap chart, and a
/// console table. Rows are true classes, columns predicted classes.
/// </summary>
public static class ConfusionMatrixFormats
{
    /// <summary>{"per_class_accuracy": [...], "confusion_matrix": {...}} entries for a summary.json.</summary>
    public static void AddTo(JsonObject summary, ConfusionMatrix m, IReadOnlyList<string> classNames)
    {
        var perClass = new JsonArray();
        var rows = new JsonArray();
        for (int c = 0; c < m.ClassCount; c++)
        {
            perClass.Add(new JsonObject { ["class"] = c, ["name"] = Name(classNames, c), ["accuracy"] = Finite(m.ClassAccuracy(c)), ["count"] = m.Support(c) });
            var row = new JsonArray();
            for (int p = 0; p < m.ClassCount; p++) row.Add(m.Counts[c, p]);
            rows.Add(row);
        }
        summary["per_class_accuracy"] = perClass;
        summary["confusion_matrix"] = new JsonObject { ["rows"] = "true class", ["columns"] = "predicted class", ["counts"] = rows };
    }

    /// <summary>CSV with a header "true_class,name,pred_0,...,pred_K-1,count,accuracy".</summary>
    public static string ToCsv(ConfusionMatrix m, IReadOnlyList<string> classNames)
    {
        var sb = new StringBuilder("true_class,name");
        for (int p = 0; p < m.ClassCount; p++) sb.Append(",pred_").Append(p);
        sb.Append(",count,accuracy\n");
        for (int t = 0; t < m.ClassCount; t++)
        {
            sb.Append(t).Append(',').Append(Name(classNames, t).Replace(',', ' '));
            for (int p = 0; p < m.ClassCount; p++) sb.Append(',').Append(m.Counts[t, p]);
            sb.Append(',').Append(m.Support(t)).Append(',').Append(m.ClassAccuracy(t).ToString("G6", CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    public static Heatmap ToHeatmap(ConfusionMatrix m, IReadOnlyList<string> classNames, string title)
    {
        var values = new double[m.ClassCount, m.ClassCount];
        for (int t = 0; t < m.ClassCount; t++)
            for (int p = 0; p < m.ClassCount; p++) values[t, p] = m.Counts[t, p];
        var names = Enumerable.Range(0, m.ClassCount).Select(c => Name(classNames, c)).ToList();
        return new Heatmap(values)
        {
            Title = title, XLabel = "predicted class", YLabel = "true class", ColorBarLabel = "test images",
            RowLabels = names, ColumnLabels = names, ValueFormat = "0", Min = 0,
        };
    }

    /// <summary>The matrix as a text table with each class's recall, for the console.</summary>
    public static string ToTable(ConfusionMatrix m, IReadOnlyList<string> classNames)
    {
        int nameWidth = Enumerable.Range(0, m.ClassCount).Max(c => Name(classNames, c).Length) + 4;
        var sb = new StringBuilder();
        sb.Append("true \\ predicted".PadRight(nameWidth));
        for (int p = 0; p < m.ClassCount; p++) sb.Append($"{p,5}");
        sb.AppendLine("   recall");
        for (int t = 0; t < m.ClassCount; t++)
        {
            sb.Append($"{t,2} {Name(classNames, t)}".PadRight(nameWidth));
            for (int p = 0; p < m.ClassCount; p++) sb.Append($"{m.Counts[t, p],5}");
            sb.AppendLine($"   {m.ClassAccuracy(t),6:P1}");
        }
        return sb.ToString();
    }

    public static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;

    private static string Name(IReadOnlyList<string> names, int c) => c < names.Count ? names[c] : c.ToString(CultureInfo.InvariantCulture);
}
