using GpuAE.Compute;
using GpuAE.Kernels.Gather;

namespace GpuAE.Tests.Compute;

/// <summary>GatherRows (a training batch picked from a split kept on the device) against its reference, bit for bit.</summary>
public abstract class GatherParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    /// <summary>(source rows, columns, start, rows): one element, primes, a batch of 28x28 images, one row past a work-group.</summary>
    public static readonly (int SourceRows, int Cols, int Start, int Rows)[] Shapes = [(1, 1, 0, 1), (13, 7, 3, 5), (97, 784, 11, 37), (300, 1, 0, 257)];

    /// <summary>An order of `length` random rows of the source, repeats allowed, as the floats the op reads.</summary>
    private float[] RandomOrder(int length, int sourceRows) => Enumerable.Range(0, length).Select(_ => (float)Data.Next(sourceRows)).ToArray();

    [Fact]
    public void GatherRowsCopiesTheRowsTheOrderNamesExactly()
    {
        foreach (var (sourceRows, cols, start, rows) in Shapes)
        {
            var source = Data.Uniform(sourceRows * cols);
            var order = RandomOrder(start + rows + 2, sourceRows);
            using var sourceBuffer = ParityData.Buffer(Accelerator, source);
            using var orderBuffer = ParityData.Buffer(Accelerator, order);
            using var destination = ParityData.Poisoned(Accelerator, rows * cols + 3);
            Accelerator.GatherRows(sourceBuffer, sourceRows, cols, orderBuffer, start, rows, destination);
            var gathered = destination.ToArray();
            ParityData.Identical(GatherReference.GatherRows(source, sourceRows, cols, order, start, rows), gathered.AsSpan(0, rows * cols), $"GatherRows {rows} of {sourceRows}x{cols} from {start}");
            ParityData.NothingWrittenPast(gathered, rows * cols, "GatherRows");
        }
    }

    [Fact]
    public void GatherRowsWritesARowOfNaNForAnIndexThatNamesNoRow()
    {
        const int sourceRows = 5, cols = 3;
        float[] order = [2f, -1f, sourceRows, 1.5f, float.NaN, float.PositiveInfinity, 4f];
        var source = Data.Uniform(sourceRows * cols);
        using var sourceBuffer = ParityData.Buffer(Accelerator, source);
        using var orderBuffer = ParityData.Buffer(Accelerator, order);
        using var destination = ParityData.Buffer(Accelerator, Data.Uniform(order.Length * cols));
        Accelerator.GatherRows(sourceBuffer, sourceRows, cols, orderBuffer, 0, order.Length, destination);
        var gathered = destination.ToArray();
        Assert.Equal(source[(2 * cols)..(3 * cols)], gathered[..cols]);
        Assert.All(gathered[cols..^cols], v => Assert.True(float.IsNaN(v)));
        Assert.Equal(source[(4 * cols)..], gathered[^cols..]);
    }

    [Fact]
    public void GatherRowsRejectsAnOrderShorterThanTheRowsItGathers()
    {
        using var source = ParityData.Buffer(Accelerator, Data.Uniform(12));
        using var order = ParityData.Buffer(Accelerator, [0f, 1f, 2f]);
        using var destination = ParityData.Poisoned(Accelerator, 12);
        var e = Assert.Throws<ArgumentException>(() => Accelerator.GatherRows(source, 4, 3, order, 1, 3, destination));
        Assert.Contains("order", e.Message);
    }
}

public sealed class GatherParityOnCpu(ITestOutputHelper output) : GatherParityTests(Backend.Cpu, output);

public sealed class GatherParityOnIlgpuCpu(ITestOutputHelper output) : GatherParityTests(Backend.IlgpuCpu, output);

public sealed class GatherParityOnCuda(ITestOutputHelper output) : GatherParityTests(Backend.Cuda, output);

public sealed class GatherParityOnOpenCl(ITestOutputHelper output) : GatherParityTests(Backend.OpenCl, output);
