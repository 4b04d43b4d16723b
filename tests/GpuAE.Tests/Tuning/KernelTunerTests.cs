using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Compute.Tuning;

namespace GpuAE.Tests.Tuning;

public sealed class KernelTunerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("gpuae-tuning-").FullName;

    private string CachePath => Path.Combine(_cacheDir, "tuning.json");

    public void Dispose() => Directory.Delete(_cacheDir, recursive: true);

    private static readonly Conv2dGeometry Conv = new(3, 2, 9, 7, 4, 3, 1, 1);

    /// <summary>A step with one GEMM and one convolution's three passes.</summary>
    private static Action Step(Accelerator acc, List<DeviceBuffer> keep)
    {
        DeviceBuffer Buf(int n) { var b = acc.Allocate(TestData.Uniform(n, keep.Count + 1)); keep.Add(b); return b; }
        var a = Buf(5 * 7); var b = Buf(7 * 6); var c = Buf(5 * 6);
        var x = Buf(Conv.Batch * Conv.InputSize); var w = Buf(Conv.WeightCount); var y = Buf(Conv.Batch * Conv.OutputSize);
        var dx = Buf(Conv.Batch * Conv.InputSize); var dw = Buf(Conv.WeightCount);
        return () =>
        {
            acc.Gemm(false, true, 5, 6, 7, 1f, a, b, 0f, c);
            acc.Conv2dForward(Conv, x, w, y);
            acc.Conv2dBackwardData(Conv, y, w, dx);
            acc.Conv2dBackwardWeights(Conv, x, y, dw);
        };
    }

    [Fact]
    public void TuningAStepChoosesAVerifiedVariantForEveryGemmAndConvShapeItRan()
    {
        using var acc = new CpuAccelerator();
        var keep = new List<DeviceBuffer>();
        var choices = KernelTuner.TuneStep(acc, Step(acc, keep), TuningCache.Open(CachePath), output.WriteLine);
        Assert.Equal(
            [ShapeKey.Conv(TunedOp.ConvBackwardData, Conv), ShapeKey.Conv(TunedOp.ConvBackwardWeights, Conv), ShapeKey.Conv(TunedOp.ConvForward, Conv), ShapeKey.Gemm(false, true, 5, 6, 7)],
            choices.Select(c => c.Shape).OrderBy(s => s.ToString(), StringComparer.Ordinal));
        foreach (var choice in choices)
        {
            Assert.Contains(choice.Variant, acc.KernelVariants(choice.Shape.Family));
            Assert.All(choice.Timings, t => Assert.True(t.Verified, $"{choice.Shape}: {t.Variant} failed verification"));
            Assert.Equal(choice.Timings.Where(t => t.Verified).MinBy(t => t.Milliseconds)!.Variant, choice.Variant);
            Assert.Equal(choice.Variant, acc.Kernels.For(choice.Shape));
        }
        keep.ForEach(b => b.Dispose());
    }

    [Fact]
    public void ASecondRunTakesItsChoicesFromTheCacheWithoutMeasuring()
    {
        var keep = new List<DeviceBuffer>();
        using (var first = new CpuAccelerator()) { KernelTuner.TuneStep(first, Step(first, keep), TuningCache.Open(CachePath)); keep.ForEach(b => b.Dispose()); keep.Clear(); }
        Assert.True(File.Exists(CachePath));
        using var second = new CpuAccelerator();
        var choices = KernelTuner.TuneStep(second, Step(second, keep), TuningCache.Open(CachePath));
        Assert.All(choices, c => { Assert.True(c.FromCache); Assert.Empty(c.Timings); });
        Assert.Equal(4, choices.Count);
        keep.ForEach(b => b.Dispose());
    }

    [Fact]
    public void AnExplicitKernelsChoiceIsNotTunedAndWinsForEveryShape()
    {
        using var acc = new CpuAccelerator();
        acc.Kernels.Set("conv", "direct");
        var keep = new List<DeviceBuffer>();
        var choices = KernelTuner.TuneStep(acc, Step(acc, keep), null);
        Assert.All(choices, c => Assert.True(c.Shape.IsGemm));
        Assert.Equal("direct", acc.Kernels.For(ShapeKey.Conv(TunedOp.ConvForward, Conv)));
        keep.ForEach(b => b.Dispose());
    }

    [Fact]
    public void AnUnreadableCacheFileIsIgnoredAndReplaced()
    {
        File.WriteAllText(CachePath, "{ not json");
        using var acc = new CpuAccelerator();
        var keep = new List<DeviceBuffer>();
        var choices = KernelTuner.TuneStep(acc, Step(acc, keep), TuningCache.Open(CachePath));
        Assert.All(choices, c => Assert.False(c.FromCache));
        Assert.Equal(4, TuningCache.Open(CachePath).Count);
        keep.ForEach(b => b.Dispose());
    }

    [Fact]
    public void RecordingShapesStopsWhenTheStepEnds()
    {
        using var acc = new CpuAccelerator();
        var keep = new List<DeviceBuffer>();
        KernelTuner.TuneStep(acc, Step(acc, keep), null);
        Assert.Null(acc.ShapesSeen);
        keep.ForEach(b => b.Dispose());
    }
}
