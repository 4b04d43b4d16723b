namespace GpuAE.Metrics;

/// <summary>Counts[true class, predicted class] of a classifier on labelled rows.</summary>
public sealed class ConfusionMatrix
{
    public ConfusionMatrix(int classCount, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException($"{truth.Length} labels but {predicted.Length} predictions");
        Counts = new int[classCount, classCount];
        for (int i = 0; i < truth.Length; i++)
        {
            if ((uint)truth[i] >= classCount || (uint)predicted[i] >= classCount)
                throw new ArgumentOutOfRangeException(nameof(truth), $"row {i}: class {truth[i]} -> {predicted[i]} outside 0..{classCount - 1}");
            Counts[truth[i], predicted[i]]++;
        }
        Total = truth.Length;
    }

    /// <summary>A matrix from its counts (e.g. read back from a summary.json).</summary>
    public ConfusionMatrix(int[,] counts)
    {
        if (counts.GetLength(0) != counts.GetLength(1)) throw new ArgumentException($"a confusion matrix is square, got {counts.GetLength(0)} x {counts.GetLength(1)}");
        Counts = (int[,])counts.Clone();
        foreach (int c in counts)
        {
            if (c < 0) throw new ArgumentException($"negative count {c} in a confusion matrix");
            Total += c;
        }
    }

    public int[,] Counts { get; }
    public int ClassCount => Counts.GetLength(0);
    public int Total { get; }

    public int Correct
    {
        get
        {
            int n = 0;
            for (int c = 0; c < ClassCount; c++) n += Counts[c, c];
            return n;
        }
    }

    /// <summary>Fraction of rows predicted correctly (NaN when there are none).</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    public int Support(int trueClass)
    {
        int n = 0;
        for (int p = 0; p < ClassCount; p++) n += Counts[trueClass, p];
        return n;
    }

    /// <summary>Recall of one class: correct among its rows (NaN when the class has none).</summary>
    public double ClassAccuracy(int trueClass)
    {
        int support = Support(trueClass);
        return support == 0 ? double.NaN : (double)Counts[trueClass, trueClass] / support;
    }
}
