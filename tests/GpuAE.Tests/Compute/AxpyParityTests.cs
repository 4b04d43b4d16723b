using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class AxpyParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    /// <summary>Awkward sizes around the work-group and vector widths, and one past the CPU's multi-threading threshold.</summary>
    public static readonly int[] Sizes = [1, 7, 1000, 4099, 70001];

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AxpyAddsAlphaTimesXToTheFirstNElementsOfY(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (int n in Sizes)
        {
            float alpha = _data.Uniform(1, -2f, 2f)[0];
            var x = _data.Uniform(n); var y = _data.Uniform(n);
            var tail = _data.Uniform(5);
            using var xb = ParityData.Buffer(accelerator, x, extra: 5);
            using var yb = ParityData.Buffer(accelerator, [.. y, .. tail]);
            accelerator.Axpy(xb, yb, n, alpha);
            var after = yb.ToArray();
            ParityData.Close(y.Select((yi, i) => yi + (double)alpha * x[i]).ToArray(), after[..n], 1e-6, 1e-6, $"Axpy n={n} alpha={alpha}");
            Assert.Equal(tail, after[n..]);
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AxpyWithAlphaOneIsAnElementWiseSum(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        var x = _data.Uniform(4099); var y = _data.Uniform(4099);
        using var xb = ParityData.Buffer(accelerator, x); using var yb = ParityData.Buffer(accelerator, y);
        accelerator.Axpy(xb, yb, x.Length, 1f);
        Assert.Equal(y.Select((yi, i) => yi + x[i]).ToArray(), yb.ToArray());
    }
}
