using GpuAE.Compute;
using GpuAE.Kernels.Elementwise;

namespace GpuAE.Tests.Compute;

/// <summary>Activations, Axpy, the bias and column-sum ops, and the memory ops (fill, copy, upload, download) against float64 references.</summary>
public abstract class ElementwiseParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    private const float Alpha = 0.01f;

    /// <summary>Awkward sizes around the work-group and vector widths, and one past the CPU's multi-threading threshold.</summary>
    public static readonly int[] Sizes = [1, 7, 1000, 4099, 70001];

    /// <summary>The emulator: the same widths without the CPU's threading threshold (274 work-groups).</summary>
    public static readonly int[] EmulatorSizes = [1, 7, 1000, 4099];

    [Fact]
    public void ActivationForwardMatchesTheFloat64FunctionForEveryKind()
    {
        foreach (var kind in Enum.GetValues<ActivationKind>())
        foreach (int n in new[] { 1, 7, 1003 })
        {
            var x = Data.Uniform(n, -6f, 6f);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var yb = ParityData.Poisoned(Accelerator, n + 3);
            Accelerator.ActivationForward(kind, Alpha, xb, yb, n);
            var y = yb.ToArray();
            ParityData.Close(ElementwiseReference.ActivationForward(kind, Alpha, x), y[..n], 1e-6, 1e-7, $"{kind} forward n={n}");
            ParityData.NothingWrittenPast(y, n, $"{kind} forward");
        }
    }

    [Fact]
    public void ActivationBackwardMatchesTheFloat64DerivativeForEveryKind()
    {
        foreach (var kind in Enum.GetValues<ActivationKind>())
        foreach (int n in new[] { 1, 13, 1003 })
        {
            var y = kind is ActivationKind.Sigmoid ? Data.Uniform(n, 0f, 1f) : Data.Uniform(n);
            var dy = Data.Uniform(n);
            using var yb = ParityData.Buffer(Accelerator, y);
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var dxb = ParityData.Poisoned(Accelerator, n);
            Accelerator.ActivationBackward(kind, Alpha, yb, dyb, dxb, n);
            ParityData.Close(ElementwiseReference.ActivationBackward(kind, Alpha, y, dy), dxb.ToArray(), 1e-6, 1e-7, $"{kind} backward n={n}");
        }
    }

    [Fact]
    public void AxpyAddsAlphaTimesXToTheFirstNElementsOfY()
    {
        foreach (int n in Emulated ? EmulatorSizes : Sizes)
        {
            float alpha = Data.Uniform(1, -2f, 2f)[0];
            var x = Data.Uniform(n); var y = Data.Uniform(n);
            var tail = Data.Uniform(5);
            using var xb = ParityData.Buffer(Accelerator, x, extra: 5);
            using var yb = ParityData.Buffer(Accelerator, [.. y, .. tail]);
            Accelerator.Axpy(xb, yb, n, alpha);
            var after = yb.ToArray();
            ParityData.Close(ElementwiseReference.Axpy(x, y, n, alpha), after[..n], 1e-6, 1e-6, $"Axpy n={n} alpha={alpha}");
            Assert.Equal(tail, after[n..]);
        }
    }

    [Fact]
    public void AxpyWithAlphaOneIsAnElementWiseSum()
    {
        var x = Data.Uniform(4099); var y = Data.Uniform(4099);
        using var xb = ParityData.Buffer(Accelerator, x); using var yb = ParityData.Buffer(Accelerator, y);
        Accelerator.Axpy(xb, yb, x.Length, 1f);
        Assert.Equal(y.Select((yi, i) => yi + x[i]).ToArray(), yb.ToArray());
    }

    [Fact]
    public void AddRowVectorAddsTheBiasToEveryRow()
    {
        foreach (var (rows, cols) in new[] { (1, 1), (7, 13), (3, 1003) })
        {
            var y = Data.Uniform(rows * cols);
            var bias = Data.Uniform(cols);
            using var yb = ParityData.Buffer(Accelerator, y);
            using var bb = ParityData.Buffer(Accelerator, bias);
            Accelerator.AddRowVector(yb, bb, rows, cols);
            ParityData.Close(ElementwiseReference.AddRowVector(y, bias, rows, cols), yb.ToArray(), 1e-6, 1e-7, $"AddRowVector {rows}x{cols}");
        }
    }

    [Fact]
    public void SumRowsScalesTheOldSumsByBetaAndAddsEveryRow()
    {
        foreach (var (rows, cols, beta) in new[] { (1, 1, 0f), (7, 13, 1f), (127, 1003, 0.7f), (13, 7, 0f) })
        {
            var x = Data.Uniform(rows * cols);
            var old = beta == 0 ? ParityData.Poison(cols) : Data.Uniform(cols);
            using var xb = ParityData.Buffer(Accelerator, x);
            using var sums = ParityData.Buffer(Accelerator, old);
            Accelerator.SumRows(xb, sums, rows, cols, beta);
            ParityData.Close(ElementwiseReference.SumRows(x, old, rows, cols, beta), sums.ToArray(), 1e-5, 1e-5, $"SumRows {rows}x{cols} beta {beta}");
        }
    }

    [Fact]
    public void FillWritesTheFirstNElementsAndNothingElse()
    {
        foreach (int n in new[] { 1, 7, 1003 })
        {
            var before = Data.Uniform(n + 5);
            using var x = ParityData.Buffer(Accelerator, before);
            Accelerator.Fill(x, n, 2.5f);
            var after = x.ToArray();
            Assert.All(after[..n], v => Assert.Equal(2.5f, v));
            Assert.Equal(before[n..], after[n..]);
        }
    }

    [Fact]
    public void CopyMovesARangeBetweenOffsets()
    {
        foreach (var (n, from, to) in new[] { (1, 0, 0), (7, 3, 11), (1003, 13, 1) })
        {
            var source = Data.Uniform(from + n + 2);
            var target = Data.Uniform(to + n + 3);
            using var src = ParityData.Buffer(Accelerator, source);
            using var dst = ParityData.Buffer(Accelerator, target);
            Accelerator.Copy(src, from, dst, to, n);
            var expected = (float[])target.Clone();
            Array.Copy(source, from, expected, to, n);
            Assert.Equal(expected, dst.ToArray());
        }
    }

    [Fact]
    public void UploadAndDownloadRoundTripAtAnOffset()
    {
        var values = Data.Uniform(13);
        using var buffer = ParityData.Poisoned(Accelerator, 20);
        buffer.Upload(values, 7);
        var back = new float[13];
        buffer.Download(back, 7);
        Assert.Equal(values, back);
    }
}

public sealed class ElementwiseParityOnCpu(ITestOutputHelper output) : ElementwiseParityTests(Backend.Cpu, output);

public sealed class ElementwiseParityOnIlgpuCpu(ITestOutputHelper output) : ElementwiseParityTests(Backend.IlgpuCpu, output);

public sealed class ElementwiseParityOnCuda(ITestOutputHelper output) : ElementwiseParityTests(Backend.Cuda, output);

public sealed class ElementwiseParityOnOpenCl(ITestOutputHelper output) : ElementwiseParityTests(Backend.OpenCl, output);
