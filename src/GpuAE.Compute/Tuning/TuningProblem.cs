namespace GpuAE.Compute.Tuning;

/// <summary>
/// One shape's op on random inputs (never zero), with its output buffer: what KernelTuner runs
/// with each variant. GEMM: C = A B at the shape's transpositions; convolution: the shape's pass.
/// </summary>
internal sealed class TuningProblem : IDisposable
{
    private readonly Accelerator _acc;
    private readonly ShapeKey _shape;
    private readonly DeviceBuffer _first, _second, _output;

    private TuningProblem(Accelerator acc, ShapeKey shape, int first, int second, int output)
    {
        _acc = acc;
        _shape = shape;
        _first = acc.Allocate(Random(first, 1));
        _second = acc.Allocate(Random(second, 2));
        _output = acc.Allocate(output);
    }

    public static TuningProblem Create(Accelerator acc, ShapeKey shape)
    {
        if (shape.IsGemm) return new TuningProblem(acc, shape, Size(shape.A, shape.C), Size(shape.C, shape.B), Size(shape.A, shape.B));
        var g = shape.Geometry;
        int input = Size(g.Batch, g.InputSize), output = Size(g.Batch, g.OutputSize);
        return shape.Op switch
        {
            TunedOp.ConvForward => new TuningProblem(acc, shape, input, g.WeightCount, output),
            TunedOp.ConvBackwardData => new TuningProblem(acc, shape, output, g.WeightCount, input),
            _ => new TuningProblem(acc, shape, input, output, g.WeightCount),
        };
    }

    public void Run()
    {
        var s = _shape;
        switch (s.Op)
        {
            case TunedOp.Gemm: _acc.Gemm((s.E & 1) != 0, (s.E & 2) != 0, s.A, s.B, s.C, 1f, _first, _second, 0f, _output); break;
            case TunedOp.ConvForward: _acc.Conv2dForward(s.Geometry, _first, _second, _output); break;
            case TunedOp.ConvBackwardData: _acc.Conv2dBackwardData(s.Geometry, _first, _second, _output); break;
            default: _acc.Conv2dBackwardWeights(s.Geometry, _first, _second, _output); break;
        }
    }

    public float[] Result() => _output.ToArray();

    private static int Size(int a, int b)
    {
        long n = (long)a * b;
        return n is > 0 and <= int.MaxValue ? (int)n : throw new ArgumentOutOfRangeException(nameof(a), $"tuning: {a} x {b} elements do not fit one buffer");
    }

    /// <summary>Uniform in [-1, 1) away from zero, from a fixed seed (tuning is repeatable).</summary>
    private static float[] Random(int n, int seed)
    {
        var random = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(random.NextDouble() * 1.8 - 0.9) + (i % 2 == 0 ? 0.05f : -0.05f);
        return v;
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _output.Dispose();
    }
}
