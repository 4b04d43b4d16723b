using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class LossParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);
    private static readonly (int Rows, int Cols)[] Shapes = [(1, 1), (7, 13), (3, 1003), (127, 7)];

    private delegate void LossOp(Accelerator accelerator, DeviceBuffer input, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale);

    /// <summary>Runs op on poisoned outputs and compares gradient and per-row loss with the float64 reference.</summary>
    private static void Check(Accelerator accelerator, LossOp op, string what, float[] input, float[] target, int rows, int cols, float scale,
        double[] gradient, double[] rowLoss)
    {
        using var ib = ParityData.Buffer(accelerator, input);
        using var tb = ParityData.Buffer(accelerator, target);
        using var gb = ParityData.Poisoned(accelerator, rows * cols);
        using var lb = ParityData.Poisoned(accelerator, rows + 2);
        op(accelerator, ib, tb, gb, lb, rows, cols, scale);
        ParityData.Close(gradient, gb.ToArray(), 1e-5, 1e-6, $"{what} gradient {rows}x{cols}");
        var loss = lb.ToArray();
        ParityData.Close(rowLoss, loss[..rows], 1e-5, 1e-5, $"{what} row loss {rows}x{cols}");
        Assert.All(loss[rows..], v => Assert.True(float.IsNaN(v), $"{what} wrote past the row losses"));
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void MseLossMatchesTheFloat64Reference(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (rows, cols) in Shapes)
        {
            var p = _data.Uniform(rows * cols); var t = _data.Uniform(rows * cols, 0f, 1f);
            float scale = 0.37f;
            var gradient = p.Select((v, i) => scale * 2.0 * ((double)v - t[i])).ToArray();
            var loss = Enumerable.Range(0, rows).Select(r => Enumerable.Range(r * cols, cols).Sum(i => Math.Pow((double)p[i] - t[i], 2))).ToArray();
            Check(accelerator, (a, x, y, g, l, r, c, s) => a.MseLoss(x, y, g, l, r, c, s), "MseLoss", p, t, rows, cols, scale, gradient, loss);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void BceWithLogitsLossMatchesTheFloat64Reference(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (rows, cols) in Shapes)
        {
            var z = _data.Uniform(rows * cols, -30f, 30f); var t = _data.Uniform(rows * cols, 0f, 1f);
            float scale = 1f / (rows * cols);
            var gradient = z.Select((v, i) => scale * (1 / (1 + Math.Exp(-v)) - t[i])).ToArray();
            var loss = Enumerable.Range(0, rows).Select(r => Enumerable.Range(r * cols, cols)
                .Sum(i => Math.Max(z[i], 0) - (double)z[i] * t[i] + Math.Log(1 + Math.Exp(-Math.Abs((double)z[i]))))).ToArray();
            Check(accelerator, (a, x, y, g, l, r, c, s) => a.BceWithLogitsLoss(x, y, g, l, r, c, s), "BceWithLogitsLoss", z, t, rows, cols, scale, gradient, loss);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void SoftmaxCrossEntropyLossMatchesTheFloat64Reference(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (rows, classes) in Shapes)
        {
            var z = _data.Uniform(rows * classes, -20f, 20f);
            var labels = Enumerable.Range(0, rows).Select(_ => (float)_data.Next(classes)).ToArray();
            float scale = 0.5f;
            var gradient = new double[rows * classes];
            var loss = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                var row = z.Skip(r * classes).Take(classes).Select(v => (double)v).ToArray();
                double max = row.Max(), sum = row.Sum(v => Math.Exp(v - max));
                for (int c = 0; c < classes; c++) gradient[r * classes + c] = scale * (Math.Exp(row[c] - max) / sum - (c == (int)labels[r] ? 1 : 0));
                loss[r] = Math.Log(sum) + max - row[(int)labels[r]];
            }
            Check(accelerator, (a, x, y, g, l, r, c, s) => a.SoftmaxCrossEntropyLoss(x, y, g, l, r, c, s), "SoftmaxCrossEntropyLoss", z, labels, rows, classes, scale, gradient, loss);
        }
    }
}
