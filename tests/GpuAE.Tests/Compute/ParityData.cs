using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

/// <summary>Fresh random inputs per test (the seed is printed so a failure can be replayed) and comparison helpers.</summary>
public sealed class ParityData
{
    private readonly Random _random;

    public ParityData(ITestOutputHelper output)
    {
        Seed = Environment.TickCount ^ Guid.NewGuid().GetHashCode();
        _random = new Random(Seed);
        output.WriteLine($"random seed {Seed}");
    }

    public int Seed { get; }

    /// <summary>Uniform in [lo, hi), never exactly zero (a zero would hide a kernel that skips elements).</summary>
    public float[] Uniform(int n, float lo = -1f, float hi = 1f)
    {
        var data = new float[n];
        for (int i = 0; i < n; i++)
        {
            float v;
            do v = lo + (float)_random.NextDouble() * (hi - lo); while (v == 0f);
            data[i] = v;
        }
        return data;
    }

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public static float[] Poison(int n) => Enumerable.Repeat(float.NaN, n).ToArray();

    public static float[] Abs(float[] v) => Array.ConvertAll(v, MathF.Abs);

    /// <summary>A buffer holding contents; extra elements past the contents are poisoned with NaN.</summary>
    public static DeviceBuffer Buffer(Accelerator accelerator, float[] contents, int extra = 0)
    {
        var buffer = accelerator.Allocate(contents.Length + extra);
        buffer.Upload(contents.Concat(Poison(extra)).ToArray());
        return buffer;
    }

    /// <summary>A NaN-filled buffer: every element an op should write must be overwritten.</summary>
    public static DeviceBuffer Poisoned(Accelerator accelerator, int n) => Buffer(accelerator, Poison(n));

    /// <summary>Asserts |actual - expected| &lt;= absolute + relative |expected| everywhere, naming the first bad index.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= absolute + relative * Math.Abs(expected[i])))
                Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]} (error {error:g3})");
        }
    }

    public static void Close(double[] expected, float[] actual, double relative, double absolute, string what) =>
        Close(expected.AsSpan(), actual.AsSpan(), relative, absolute, what);

    /// <summary>
    /// For sums of products (GEMM, convolution): |actual - expected| within 1e-5 of the sum of
    /// the terms' magnitudes (float32 summation error) plus 1e-6, for the first expected.Length elements.
    /// </summary>
    public static void CloseToSum(double[] expected, double[] magnitude, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= 1e-5 * magnitude[i] + 1e-6)) Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]}");
        }
    }

    /// <summary>Asserts each actual float is exactly the expected value (ops that only move or add two floats), bit for bit.</summary>
    public static void Identical(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits((float)expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, expected {(float)expected[i]:R}");
    }

    /// <summary>Asserts the op wrote nothing past `from`: the NaN poison there is intact.</summary>
    public static void NothingWrittenPast(float[] actual, int from, string what) =>
        Assert.All(actual[from..], v => Assert.True(float.IsNaN(v), $"{what}: wrote past element {from}"));
}
