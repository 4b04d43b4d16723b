using System.Runtime.InteropServices;

namespace GpuAE.Svm;

/// <summary>
/// A labelled training set in libsvm's form, in unmanaged memory: each row is its non-zero features
/// as (1-based index, value) nodes followed by a node with index -1. All nodes share one block.
/// A model trained on it points into that block (its support vectors are not copied), so the
/// problem must live as long as the model: <see cref="SvmModel"/> owns and disposes it.
/// </summary>
internal sealed unsafe class SparseProblem : IDisposable
{
    private SvmNode* _nodes;
    private SvmNode** _rows;
    private double* _labels;

    /// <param name="features">rows × dimension values, row-major</param>
    /// <param name="labels">one class label per row</param>
    public SparseProblem(ReadOnlySpan<float> features, int dimension, ReadOnlySpan<int> labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (labels.Length == 0) throw new ArgumentException("an SVM needs at least one training row", nameof(labels));
        if (features.Length != checked(labels.Length * dimension))
            throw new ArgumentException($"{features.Length} feature values for {labels.Length} rows of {dimension}", nameof(features));
        Count = labels.Length;
        Dimension = dimension;
        long nodeCount = Count + CountNonZero(features);
        _nodes = (SvmNode*)NativeMemory.Alloc((nuint)nodeCount, (nuint)sizeof(SvmNode));
        _rows = (SvmNode**)NativeMemory.Alloc((nuint)Count, (nuint)sizeof(SvmNode*));
        _labels = (double*)NativeMemory.Alloc((nuint)Count, sizeof(double));
        SvmNode* next = _nodes;
        for (int i = 0; i < Count; i++)
        {
            _rows[i] = next;
            _labels[i] = labels[i];
            next += WriteRow(features.Slice(i * dimension, dimension), next);
        }
    }

    public int Count { get; }
    public int Dimension { get; }

    /// <summary>The <c>svm_problem</c> to hand to libsvm (valid while this object is).</summary>
    public SvmProblemNative Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(_nodes == null, this);
            return new SvmProblemNative { L = Count, Y = _labels, X = _rows };
        }
    }

    public double Label(int row) => _labels[CheckedRow(row)];

    /// <summary>Row <paramref name="row"/>'s nodes as stored, up to and including the terminator.</summary>
    public (int Index, double Value)[] Nodes(int row)
    {
        var list = new List<(int, double)>();
        SvmNode* node = _rows[CheckedRow(row)];
        do list.Add((node->Index, node->Value));
        while ((node++)->Index != SvmNode.EndOfRow);
        return [.. list];
    }

    /// <summary>Writes one row's nodes (non-zeros, then the terminator); returns how many.</summary>
    public static int WriteRow(ReadOnlySpan<float> row, SvmNode* destination)
    {
        int n = 0;
        for (int j = 0; j < row.Length; j++)
            if (row[j] != 0) destination[n++] = new SvmNode { Index = j + 1, Value = row[j] };
        destination[n++] = new SvmNode { Index = SvmNode.EndOfRow };
        return n;
    }

    private static long CountNonZero(ReadOnlySpan<float> values)
    {
        long n = 0;
        foreach (float v in values) if (v != 0) n++;
        return n;
    }

    private int CheckedRow(int row)
    {
        ObjectDisposedException.ThrowIf(_nodes == null, this);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return row;
    }

    public void Dispose()
    {
        NativeMemory.Free(_nodes);
        NativeMemory.Free(_rows);
        NativeMemory.Free(_labels);
        _nodes = null;
        _rows = null;
        _labels = null;
        GC.SuppressFinalize(this);
    }

    ~SparseProblem() => Dispose();
}
