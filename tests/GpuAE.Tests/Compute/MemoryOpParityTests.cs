using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class MemoryOpParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void FillWritesTheFirstNElementsAndNothingElse(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (int n in new[] { 1, 7, 1003 })
        {
            var before = _data.Uniform(n + 5);
            using var x = ParityData.Buffer(accelerator, before);
            accelerator.Fill(x, n, 2.5f);
            var after = x.ToArray();
            Assert.All(after[..n], v => Assert.Equal(2.5f, v));
            Assert.Equal(before[n..], after[n..]);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void CopyMovesARangeBetweenOffsets(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (n, from, to) in new[] { (1, 0, 0), (7, 3, 11), (1003, 13, 1) })
        {
            var source = _data.Uniform(from + n + 2);
            var target = _data.Uniform(to + n + 3);
            using var src = ParityData.Buffer(accelerator, source);
            using var dst = ParityData.Buffer(accelerator, target);
            accelerator.Copy(src, from, dst, to, n);
            var expected = (float[])target.Clone();
            Array.Copy(source, from, expected, to, n);
            Assert.Equal(expected, dst.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void UploadAndDownloadRoundTripAtAnOffset(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        var values = _data.Uniform(13);
        using var buffer = ParityData.Poisoned(accelerator, 20);
        buffer.Upload(values, 7);
        var back = new float[13];
        buffer.Download(back, 7);
        Assert.Equal(values, back);
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AddRowVectorAddsTheBiasToEveryRow(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (rows, cols) in new[] { (1, 1), (7, 13), (3, 1003) })
        {
            var y = _data.Uniform(rows * cols);
            var bias = _data.Uniform(cols);
            using var yb = ParityData.Buffer(accelerator, y);
            using var bb = ParityData.Buffer(accelerator, bias);
            accelerator.AddRowVector(yb, bb, rows, cols);
            var expected = new double[rows * cols];
            for (int i = 0; i < expected.Length; i++) expected[i] = (double)y[i] + bias[i % cols];
            ParityData.Close(expected, yb.ToArray(), 1e-6, 1e-7, $"AddRowVector {rows}x{cols}");
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void SumRowsScalesTheOldSumsByBetaAndAddsEveryRow(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (rows, cols, beta) in new[] { (1, 1, 0f), (7, 13, 1f), (127, 1003, 0.7f), (13, 7, 0f) })
        {
            var x = _data.Uniform(rows * cols);
            var old = beta == 0 ? ParityData.Poison(cols) : _data.Uniform(cols);
            using var xb = ParityData.Buffer(accelerator, x);
            using var sums = ParityData.Buffer(accelerator, old);
            accelerator.SumRows(xb, sums, rows, cols, beta);
            var expected = new double[cols];
            for (int c = 0; c < cols; c++)
            {
                double s = beta == 0 ? 0 : beta * (double)old[c];
                for (int r = 0; r < rows; r++) s += x[r * cols + c];
                expected[c] = s;
            }
            ParityData.Close(expected, sums.ToArray(), 1e-5, 1e-5, $"SumRows {rows}x{cols} beta {beta}");
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AccumulateSumAddsTheTotalAtTheIndexOnly(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (int n in new[] { 1, 7, 257, 100003 })
        {
            var values = _data.Uniform(n, 0f, 2f);
            var totals = _data.Uniform(5);
            using var vb = ParityData.Buffer(accelerator, values, extra: 3);
            using var tb = ParityData.Buffer(accelerator, totals);
            accelerator.AccumulateSum(vb, n, tb, 2);
            var expected = totals.Select(t => (double)t).ToArray();
            expected[2] += values.Sum(v => (double)v);
            ParityData.Close(expected, tb.ToArray(), 1e-6, 1e-6, $"AccumulateSum n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AccumulateSumIsDeterministic(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        var values = _data.Uniform(65537);
        using var vb = ParityData.Buffer(accelerator, values);
        using var tb = ParityData.Buffer(accelerator, new float[2]);
        accelerator.Fill(tb, 2, 0f);
        accelerator.AccumulateSum(vb, values.Length, tb, 0);
        accelerator.AccumulateSum(vb, values.Length, tb, 1);
        var totals = tb.ToArray();
        Assert.Equal(BitConverter.SingleToInt32Bits(totals[0]), BitConverter.SingleToInt32Bits(totals[1]));
    }
}
