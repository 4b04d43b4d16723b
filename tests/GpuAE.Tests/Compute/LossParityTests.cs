using GpuAE.Compute;
using GpuAE.Kernels.Loss;

namespace GpuAE.Tests.Compute;

/// <summary>The losses' gradients and per-row losses, and the running loss total, against float64 references.</summary>
public abstract class LossParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    // One element, primes, a row longer than a work-group (1003 > 256), and many rows.
    private static readonly (int Rows, int Cols)[] Shapes = [(1, 1), (7, 13), (3, 1003), (127, 7)];

    // The emulator runs a row's tree sum on 256 threads and barriers: the same, with 17 rows.
    private static readonly (int Rows, int Cols)[] EmulatorShapes = [(1, 1), (7, 13), (3, 1003), (17, 7)];

    private (int Rows, int Cols)[] ShapesHere => Emulated ? EmulatorShapes : Shapes;

    private delegate void LossOp(Accelerator accelerator, DeviceBuffer input, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale);

    [Fact]
    public void MseLossMatchesTheFloat64Reference()
    {
        foreach (var (rows, cols) in ShapesHere)
        {
            var p = Data.Uniform(rows * cols); var t = Data.Uniform(rows * cols, 0f, 1f);
            float scale = 0.37f;
            Check((a, x, y, g, l, r, c, s) => a.MseLoss(x, y, g, l, r, c, s), "MseLoss", p, t, rows, cols, scale, LossReference.Mse(p, t, rows, cols, scale));
        }
    }

    [Fact]
    public void BceWithLogitsLossMatchesTheFloat64Reference()
    {
        foreach (var (rows, cols) in ShapesHere)
        {
            var z = Data.Uniform(rows * cols, -30f, 30f); var t = Data.Uniform(rows * cols, 0f, 1f);
            float scale = 1f / (rows * cols);
            Check((a, x, y, g, l, r, c, s) => a.BceWithLogitsLoss(x, y, g, l, r, c, s), "BceWithLogitsLoss", z, t, rows, cols, scale,
                LossReference.BceWithLogits(z, t, rows, cols, scale));
        }
    }

    [Fact]
    public void SoftmaxCrossEntropyLossMatchesTheFloat64Reference()
    {
        foreach (var (rows, classes) in ShapesHere)
        {
            var z = Data.Uniform(rows * classes, -20f, 20f);
            var labels = Enumerable.Range(0, rows).Select(_ => (float)Data.Next(classes)).ToArray();
            float scale = 0.5f;
            Check((a, x, y, g, l, r, c, s) => a.SoftmaxCrossEntropyLoss(x, y, g, l, r, c, s), "SoftmaxCrossEntropyLoss", z, labels, rows, classes, scale,
                LossReference.SoftmaxCrossEntropy(z, labels, rows, classes, scale));
        }
    }

    [Fact]
    public void AccumulateSumAddsTheTotalAtTheIndexOnly()
    {
        foreach (int n in new[] { 1, 7, 257, 100003 })
        {
            var values = Data.Uniform(n, 0f, 2f);
            var totals = Data.Uniform(5);
            using var vb = ParityData.Buffer(Accelerator, values, extra: 3);
            using var tb = ParityData.Buffer(Accelerator, totals);
            Accelerator.AccumulateSum(vb, n, tb, 2);
            var expected = totals.Select(t => (double)t).ToArray();
            expected[2] += values.Sum(v => (double)v);
            ParityData.Close(expected, tb.ToArray(), 1e-6, 1e-6, $"AccumulateSum n={n}");
        }
    }

    [Fact]
    public void AccumulateSumIsDeterministic()
    {
        var values = Data.Uniform(65537);
        using var vb = ParityData.Buffer(Accelerator, values);
        using var tb = ParityData.Buffer(Accelerator, new float[2]);
        Accelerator.Fill(tb, 2, 0f);
        Accelerator.AccumulateSum(vb, values.Length, tb, 0);
        Accelerator.AccumulateSum(vb, values.Length, tb, 1);
        var totals = tb.ToArray();
        Assert.Equal(BitConverter.SingleToInt32Bits(totals[0]), BitConverter.SingleToInt32Bits(totals[1]));
    }

    /// <summary>Runs op on poisoned outputs and compares gradient and per-row loss with the float64 reference.</summary>
    private void Check(LossOp op, string what, float[] input, float[] target, int rows, int cols, float scale, (double[] Gradient, double[] RowLoss) expected)
    {
        using var ib = ParityData.Buffer(Accelerator, input);
        using var tb = ParityData.Buffer(Accelerator, target);
        using var gb = ParityData.Poisoned(Accelerator, rows * cols);
        using var lb = ParityData.Poisoned(Accelerator, rows + 2);
        op(Accelerator, ib, tb, gb, lb, rows, cols, scale);
        ParityData.Close(expected.Gradient, gb.ToArray(), 1e-5, 1e-6, $"{what} gradient {rows}x{cols}");
        var loss = lb.ToArray();
        ParityData.Close(expected.RowLoss, loss[..rows], 1e-5, 1e-5, $"{what} row loss {rows}x{cols}");
        ParityData.NothingWrittenPast(loss, rows, $"{what} row losses");
    }
}

public sealed class LossParityOnCpu(ITestOutputHelper output) : LossParityTests(Backend.Cpu, output);

public sealed class LossParityOnIlgpuCpu(ITestOutputHelper output) : LossParityTests(Backend.IlgpuCpu, output);

public sealed class LossParityOnCuda(ITestOutputHelper output) : LossParityTests(Backend.Cuda, output);

public sealed class LossParityOnOpenCl(ITestOutputHelper output) : LossParityTests(Backend.OpenCl, output);
