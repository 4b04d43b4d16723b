using System.Numerics;

namespace GpuAE.Analysis;

/// <summary>SIMD kernels on rows of row-major float matrices.</summary>
internal static class SquaredDistances
{
    /// <summary>|a - b|^2 from the differences (no cancellation, unlike the norm trick).</summary>
    public static double Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        var acc = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
                acc += d * d;
            }
        }
        double sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        var acc = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }
        double sum = Vector.Sum(acc);
        for (; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>A copy of the data with the column means subtracted (distances are unchanged, the norm trick gets more accurate).</summary>
    public static float[] Centred(float[] data, int n, int dim)
    {
        var mean = new double[dim];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++) mean[d] += data[i * dim + d];
        for (int d = 0; d < dim; d++) mean[d] /= n;
        var centred = new float[data.Length];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++) centred[i * dim + d] = (float)(data[i * dim + d] - mean[d]);
        return centred;
    }

    public static ReadOnlySpan<float> Row(float[] data, int i, int dim) => new(data, i * dim, dim);
}
