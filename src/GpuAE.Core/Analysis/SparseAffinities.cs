namespace GpuAE.Analysis;

/// <summary>Symmetric joint probabilities P in compressed-row form (row i: Columns/Values[RowStart[i]..RowStart[i+1])).</summary>
internal sealed class SparseAffinities
{
    public int Count { get; }
    public int[] RowStart { get; }
    public int[] Columns { get; }
    public double[] Values { get; }

    private SparseAffinities(int n, int[] rowStart, int[] columns, double[] values)
    {
        Count = n;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    /// <summary>
    /// P = (P_cond + P_cond^T) / (2n) from conditional rows over k neighbours each
    /// (row i: neighbours[i*k..], conditional[i*k..]).
    /// </summary>
    public static SparseAffinities Symmetrise(int n, int k, int[] neighbours, double[] conditional)
    {
        var rowCount = new int[n + 1];
        for (int i = 0; i < n; i++)
            for (int m = 0; m < k; m++)
            {
                rowCount[i]++;
                rowCount[neighbours[i * k + m]]++;
            }
        var start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + rowCount[i];
        var fill = (int[])start.Clone();
        var cols = new int[start[n]];
        var vals = new double[start[n]];
        for (int i = 0; i < n; i++)
            for (int m = 0; m < k; m++)
            {
                int j = neighbours[i * k + m];
                double v = conditional[i * k + m];
                cols[fill[i]] = j; vals[fill[i]++] = v;
                cols[fill[j]] = i; vals[fill[j]++] = v;
            }
        return MergeDuplicates(n, start, cols, vals, 1.0 / (2.0 * n));
    }

    /// <summary>Sorts each row by column, adds entries with the same column and scales the values.</summary>
    private static SparseAffinities MergeDuplicates(int n, int[] start, int[] cols, double[] vals, double scale)
    {
        var newStart = new int[n + 1];
        int w = 0;
        for (int i = 0; i < n; i++)
        {
            int s = start[i], e = start[i + 1];
            Array.Sort(cols, vals, s, e - s);
            newStart[i] = w;
            for (int r = s; r < e; r++)
            {
                if (w > newStart[i] && cols[w - 1] == cols[r]) vals[w - 1] += vals[r] * scale;
                else { cols[w] = cols[r]; vals[w++] = vals[r] * scale; }
            }
        }
        newStart[n] = w;
        return new SparseAffinities(n, newStart, cols[..w], vals[..w]);
    }

    /// <summary>Sum of P log P over the stored entries (the constant part of KL(P || Q)).</summary>
    public double NegativeEntropy()
    {
        double s = 0;
        foreach (double v in Values) if (v > 0) s += v * Math.Log(v);
        return s;
    }
}
