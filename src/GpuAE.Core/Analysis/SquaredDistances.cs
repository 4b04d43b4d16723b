using System.Numerics;

namespace GpuAE.Analysis;

/// <summary>SIMD kernels on rows of row-major float matrices.</summary>
internal static class SquaredDistances
{
    /// <summary>|a - b|^2 from the differences (no cancellation, unlike the norm trick).</summary>
    public static double Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0, w = Vector<float>.Count;
        Vector<float> acc0 = Vector<float>.Zero, acc1 = Vector<float>.Zero; // two chains hide the add latency
        for (; i <= a.Length - 2 * w; i += 2 * w)
        {
            var d0 = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            var d1 = new Vector<float>(a[(i + w)..]) - new Vector<float>(b[(i + w)..]);
            acc0 += d0 * d0;
            acc1 += d1 * d1;
        }
        double sum = Vector.Sum(acc0 + acc1);
        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0, w = Vector<float>.Count;
        Vector<float> acc0 = Vector<float>.Zero, acc1 = Vector<float>.Zero;
        for (; i <= a.Length - 2 * w; i += 2 * w)
        {
            acc0 += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            acc1 += new Vector<float>(a[(i + w)..]) * new Vector<float>(b[(i + w)..]);
        }
        double sum = Vector.Sum(acc0 + acc1);
        for (; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary>Dot products of four rows with one vector: b is loaded once for all four.</summary>
    public static (double, double, double, double) Dot4(ReadOnlySpan<float> a0, ReadOnlySpan<float> a1,
        ReadOnlySpan<float> a2, ReadOnlySpan<float> a3, ReadOnlySpan<float> b)
    {
        int i = 0, w = Vector<float>.Count;
        Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
        for (; i <= b.Length - w; i += w)
        {
            var vb = new Vector<float>(b[i..]);
            s0 += new Vector<float>(a0[i..]) * vb;
            s1 += new Vector<float>(a1[i..]) * vb;
            s2 += new Vector<float>(a2[i..]) * vb;
            s3 += new Vector<float>(a3[i..]) * vb;
        }
        double d0 = Vector.Sum(s0), d1 = Vector.Sum(s1), d2 = Vector.Sum(s2), d3 = Vector.Sum(s3);
        for (; i < b.Length; i++)
        {
            d0 += (double)a0[i] * b[i]; d1 += (double)a1[i] * b[i];
            d2 += (double)a2[i] * b[i]; d3 += (double)a3[i] * b[i];
        }
        return (d0, d1, d2, d3);
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
