using System.Text.Json.Serialization;

namespace GpuAE.Metrics;

/// <summary>A classifier's predictions on one split: the confusion matrix and the mean cross-entropy.</summary>
public sealed record ClassificationResult(ConfusionMatrix Confusion, double Loss) : ITestResult
{
    public double Accuracy => Confusion.Accuracy;

    [JsonIgnore] public int Images => Confusion.Total;

    public static string CsvColumns => "test_accuracy";

    [JsonIgnore] public IEnumerable<double> CsvValues => [Accuracy];

    [JsonIgnore] public string Summary => $"test accuracy {Accuracy:P2}";

    /// <summary>Every image predicted as one class (of a split that has more than one).</summary>
    [JsonIgnore] public string? Collapse
    {
        get
        {
            int classes = Confusion.ClassCount, total = Confusion.Total;
            for (int p = 0; p < classes; p++)
            {
                int column = 0, truth = 0;
                for (int t = 0; t < classes; t++) { column += Confusion.Counts[t, p]; truth += Confusion.Counts[p, t]; }
                if (total > 1 && column == total && truth < total)
                    return $"the classifier predicts class {p} for every image (accuracy {Accuracy:P2}): its output has collapsed to a constant";
            }
            return null;
        }
    }
}

/// <summary>Per-sample predicted classes and the softmax probability of each prediction.</summary>
public sealed record Predictions(int[] Classes, float[] Confidence);
