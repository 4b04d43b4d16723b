using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.IO;
using GpuAE.Plots;

namespace GpuAE.Analysis;

/// <summary>
/// The files of a t-SNE folder: embedding.csv (index,label,class,x,y), tsne.png/.svg (scatter
/// coloured by class) and summary.json (format "gpuae-tsne/1" with KL, trustworthiness, kNN
/// accuracy at k = 5 and 10 and the silhouette score; see <see cref="EmbeddingScores"/>).
/// </summary>
public static class TsneOutputs
{
    public static void Write(string folder, string title, byte[] labels, IReadOnlyList<string> classNames, TsneResult r,
        EmbeddingScores scores, JsonObject details)
    {
        int n = r.Count;
        var csv = new StringBuilder("index,label,class,x,y\n");
        for (int i = 0; i < n; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{i},{labels[i]},{CsvField.Quoted(classNames[labels[i]])},{r.X(i):G7},{r.Y(i):G7}\n");
        AtomicFile.WriteAllText(Path.Combine(folder, "embedding.csv"), csv.ToString());
        new ScatterChart { Title = title, XLabel = "t-SNE 1", YLabel = "t-SNE 2" }
            .AddLabelledPoints(Enumerable.Range(0, n).Select(i => (double)r.X(i)).ToList(), Enumerable.Range(0, n).Select(i => (double)r.Y(i)).ToList(),
                labels.Take(n).Select(l => (int)l).ToList(), classNames)
            .Save(Path.Combine(folder, "tsne"));
        var summary = new JsonObject { ["format"] = "gpuae-tsne/1" };
        foreach (var (k, v) in details) summary[k] = v?.DeepClone();
        summary["n"] = n;
        summary["iterations"] = r.Iterations;
        summary["method"] = r.Method.ToString();
        summary["learning_rate"] = r.LearningRate;
        summary["kl_divergence"] = r.KlDivergence;
        summary["trustworthiness_k5"] = scores.Trustworthiness;
        summary["knn_accuracy_k5"] = scores.KnnAccuracy5;
        summary["knn_accuracy_k10"] = scores.KnnAccuracy10;
        summary["silhouette"] = double.IsFinite(scores.Silhouette) ? scores.Silhouette : null;
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
