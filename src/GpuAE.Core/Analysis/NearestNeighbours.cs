namespace GpuAE.Analysis;

/// <summary>
/// Exact k-nearest neighbours under squared Euclidean distance, by brute force in row blocks:
/// candidates are ranked with |a|^2 + |b|^2 - 2 a.b (one dot product per pair), then the k
/// winners' distances are recomputed from differences so cancellation cannot distort P.
/// </summary>
internal static class NearestNeighbours
{
    private const int BlockRows = 16;

    /// <summary>Row i's neighbours are Index[i*k .. i*k+k), nearest first, self excluded; ties go to the lower index.</summary>
    public static (int[] Index, double[] SquaredDistance) Find(float[] data, int n, int dim, int k, ParallelOptions parallel)
    {
        var centred = SquaredDistances.Centred(data, n, dim);
        var norms = new double[n];
        Parallel.For(0, n, parallel, i =>
            norms[i] = SquaredDistances.Dot(SquaredDistances.Row(centred, i, dim), SquaredDistances.Row(centred, i, dim)));

        var index = new int[n * k];
        var dist = new double[n * k];
        int blocks = (n + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, parallel, () => new BlockScratch(k), (b, _, scratch) =>
        {
            int i0 = b * BlockRows, i1 = Math.Min(n, i0 + BlockRows);
            SelectBlock(centred, norms, n, dim, k, i0, i1, scratch);
            for (int i = i0; i < i1; i++)
                scratch.Heaps[i - i0].DrainSorted(index.AsSpan(i * k, k), dist.AsSpan(i * k, k));
            return scratch;
        }, _ => { });

        Parallel.For(0, n, parallel, i => Refine(data, dim, i, index.AsSpan(i * k, k), dist.AsSpan(i * k, k)));
        return (index, dist);
    }

    private static void SelectBlock(float[] x, double[] norms, int n, int dim, int k, int i0, int i1, BlockScratch scratch)
    {
        for (int i = i0; i < i1; i++) scratch.Heaps[i - i0].Clear();
        for (int j = 0; j < n; j++)
        {
            var xj = SquaredDistances.Row(x, j, dim);
            int i = i0;
            for (; i + 4 <= i1; i += 4)
            {
                var (d0, d1, d2, d3) = SquaredDistances.Dot4(SquaredDistances.Row(x, i, dim), SquaredDistances.Row(x, i + 1, dim),
                    SquaredDistances.Row(x, i + 2, dim), SquaredDistances.Row(x, i + 3, dim), xj);
                Offer(scratch, i0, i, j, norms, d0);
                Offer(scratch, i0, i + 1, j, norms, d1);
                Offer(scratch, i0, i + 2, j, norms, d2);
                Offer(scratch, i0, i + 3, j, norms, d3);
            }
            for (; i < i1; i++) Offer(scratch, i0, i, j, norms, SquaredDistances.Dot(SquaredDistances.Row(x, i, dim), xj));
        }
    }

    private static void Offer(BlockScratch scratch, int i0, int i, int j, double[] norms, double dot)
    {
        if (i != j) scratch.Heaps[i - i0].Offer(Math.Max(0, norms[i] + norms[j] - 2 * dot), j);
    }

    private static void Refine(float[] data, int dim, int i, Span<int> index, Span<double> dist)
    {
        var xi = SquaredDistances.Row(data, i, dim);
        for (int m = 0; m < index.Length; m++) dist[m] = SquaredDistances.Between(xi, SquaredDistances.Row(data, index[m], dim));
        dist.Sort(index);
    }

    private sealed class BlockScratch(int k)
    {
        public readonly BoundedMaxHeap[] Heaps = Enumerable.Range(0, BlockRows).Select(_ => new BoundedMaxHeap(k)).ToArray();
    }
}

/// <summary>Keeps the k smallest (distance, index) pairs seen; the root is the worst kept.</summary>
internal sealed class BoundedMaxHeap(int capacity)
{
    private readonly double[] _key = new double[capacity];
    private readonly int[] _value = new int[capacity];
    private int _count;

    public void Clear() => _count = 0;

    public void Offer(double key, int value)
    {
        if (_count < capacity)
        {
            _key[_count] = key;
            _value[_count] = value;
            SiftUp(_count++);
        }
        else if (Worse(_key[0], _value[0], key, value))
        {
            _key[0] = key;
            _value[0] = value;
            SiftDown(0);
        }
    }

    /// <summary>Writes the kept pairs best first and empties the heap.</summary>
    public void DrainSorted(Span<int> values, Span<double> keys)
    {
        for (int m = _count - 1; m >= 0; m--)
        {
            keys[m] = _key[0];
            values[m] = _value[0];
            _count--;
            _key[0] = _key[_count];
            _value[0] = _value[_count];
            SiftDown(0);
        }
    }

    /// <summary>True when (ka, va) ranks after (kb, vb): larger key, or equal key and larger index.</summary>
    private static bool Worse(double ka, int va, double kb, int vb) => ka > kb || (ka == kb && va > vb);

    private void SiftUp(int c)
    {
        while (c > 0)
        {
            int parent = (c - 1) / 2;
            if (!Worse(_key[c], _value[c], _key[parent], _value[parent])) break;
            Swap(c, parent);
            c = parent;
        }
    }

    private void SiftDown(int p)
    {
        while (true)
        {
            int l = 2 * p + 1, r = l + 1, worst = p;
            if (l < _count && Worse(_key[l], _value[l], _key[worst], _value[worst])) worst = l;
            if (r < _count && Worse(_key[r], _value[r], _key[worst], _value[worst])) worst = r;
            if (worst == p) return;
            Swap(p, worst);
            p = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_key[a], _key[b]) = (_key[b], _key[a]);
        (_value[a], _value[b]) = (_value[b], _value[a]);
    }
}
