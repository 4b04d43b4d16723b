using GpuAE.Compute;
using GpuAE.Kernels.Conv;
using GpuAE.Kernels.Spatial;

namespace GpuAE.Tests.Compute;

/// <summary>
/// A conv that reads its input as the x2 nearest upsampling of a buffer a quarter the size (the
/// training step's Upsample2d + Conv2d), every pass against the float64 conv of the float64
/// upsampling, in every conv variant and every upsample-conv variant of the backend (the CPU's
/// sub-pixel conv and its conv of the upsampling; one run where a backend has no such variants).
/// </summary>
public abstract class UpsampledConvParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    // 3x3 stride 1 at paddings 0, 1 and 2, with one output channel (which the CPU runs as the
    // sub-pixel conv, thin) and with more (sub-pixel GEMMs from 8x8 small planes up); odd small
    // sides; conv-keras's three convs of an upsampling.
    private static readonly Conv2dGeometry[] Shapes =
    [
        new(2, 3, 6, 10, 1, 3, 1, 0),
        new(3, 2, 10, 6, 1, 3, 1, 1),
        new(1, 4, 4, 6, 1, 3, 1, 2),
        new(2, 3, 6, 10, 5, 3, 1, 0),
        new(2, 8, 14, 10, 1, 3, 1, 1),
        new(2, 32, 16, 16, 64, 3, 1, 0),
        new(2, 64, 28, 28, 1, 3, 1, 1),
        new(2, 16, 8, 8, 32, 3, 1, 1),
        new(2, 5, 16, 18, 3, 3, 1, 1), // wide (12 inner outputs) on 8x9 small planes: the CPU's sub-pixel GEMMs, padding 1
        new(1, 4, 16, 16, 6, 3, 1, 2), // and padding 2
        new(3, 2, 6, 6, 3, 2, 2, 0), // a 2x2 stride-2 conv: no sub-pixel form, the upsampling is convolved
    ];

    private Conv2dGeometry[] ShapesHere => Emulated ? Shapes[..5] : Shapes;

    [Fact]
    public void ForwardMatchesTheFloat64ConvOfTheUpsampling() => ForEachUpsampleConv(() =>
    {
        foreach (var g in ShapesHere)
        {
            var (x, w, bias) = (Data.Uniform(g.Batch * g.InputSize / 4), Data.Uniform(g.WeightCount), Data.Uniform(g.OutChannels));
            using var xb = ParityData.Buffer(Accelerator, x);
            using var wb = ParityData.Buffer(Accelerator, w);
            using var bb = ParityData.Buffer(Accelerator, bias);
            using var yb = ParityData.Poisoned(Accelerator, g.Batch * g.OutputSize + 3);
            Accelerator.Conv2dForward(g, xb, wb, yb, bb, upsampledInput: true);
            double Bias(int i, bool abs) => abs ? Math.Abs(bias[i / g.OutPixels % g.OutChannels]) : bias[i / g.OutPixels % g.OutChannels];
            var expected = UpsampledConvReference.Forward(g, x, w).Select((v, i) => v + Bias(i, false)).ToArray();
            var magnitude = UpsampledConvReference.Forward(g, ParityData.Abs(x), ParityData.Abs(w)).Select((v, i) => v + Bias(i, true)).ToArray();
            Expect(expected, magnitude, yb.ToArray(), $"forward on an upsampled input {g}");
        }
    });

    [Fact]
    public void BackwardDataSumsTheFloat64InputGradientOverEachUpsampledBlock() => ForEachUpsampleConv(() =>
    {
        foreach (var g in ShapesHere)
        {
            var (dy, w) = (Data.Uniform(g.Batch * g.OutputSize), Data.Uniform(g.WeightCount));
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var wb = ParityData.Buffer(Accelerator, w);
            using var dxb = ParityData.Poisoned(Accelerator, g.Batch * g.InputSize / 4 + 3);
            Accelerator.Conv2dBackwardData(g, dyb, wb, dxb, upsampledInput: true);
            Expect(UpsampledConvReference.BackwardData(g, dy, w), UpsampledConvReference.BackwardData(g, ParityData.Abs(dy), ParityData.Abs(w)),
                dxb.ToArray(), $"input gradient of an upsampled input {g}");
        }
    });

    [Fact]
    public void BackwardDataWithAReluGateZeroesTheGradientWhereTheGateIsNotPositive() => ForEachUpsampleConv(() =>
    {
        foreach (var g in ShapesHere)
        {
            int small = g.Batch * g.InputSize / 4;
            var (dy, w, gate) = (Data.Uniform(g.Batch * g.OutputSize), Data.Uniform(g.WeightCount), Data.Uniform(small));
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var wb = ParityData.Buffer(Accelerator, w);
            using var gateb = ParityData.Buffer(Accelerator, gate);
            using var dxb = ParityData.Poisoned(Accelerator, small + 3);
            Accelerator.Conv2dBackwardData(g, dyb, wb, dxb, upsampledInput: true, reluGate: gateb);
            double[] Gated(double[] dx) => dx.Select((v, i) => gate[i] > 0 ? v : 0).ToArray();
            Expect(Gated(UpsampledConvReference.BackwardData(g, dy, w)), Gated(UpsampledConvReference.BackwardData(g, ParityData.Abs(dy), ParityData.Abs(w))),
                dxb.ToArray(), $"gated input gradient of an upsampled input {g}");
        }
    });

    [Fact]
    public void BackwardWeightsSumsTheFloat64GradientOfTheUpsamplingOverTheBatch() => ForEachUpsampleConv(() =>
    {
        foreach (var g in ShapesHere)
        {
            var (x, dy) = (Data.Uniform(g.Batch * g.InputSize / 4), Data.Uniform(g.Batch * g.OutputSize));
            using var xb = ParityData.Buffer(Accelerator, x);
            using var dyb = ParityData.Buffer(Accelerator, dy);
            using var dwb = ParityData.Poisoned(Accelerator, g.WeightCount + 3);
            using var dbb = ParityData.Poisoned(Accelerator, g.OutChannels + 3);
            Accelerator.Conv2dBackwardWeights(g, xb, dyb, dwb, dbb, upsampledInput: true);
            Expect(UpsampledConvReference.BackwardWeights(g, x, dy), UpsampledConvReference.BackwardWeights(g, ParityData.Abs(x), ParityData.Abs(dy)),
                dwb.ToArray(), $"weight gradient on an upsampled input {g}");
            Expect(SpatialReference.SumChannels(dy, new float[g.OutChannels], g.OutChannels, g.OutPixels, 0),
                SpatialReference.SumChannels(ParityData.Abs(dy), new float[g.OutChannels], g.OutChannels, g.OutPixels, 0), dbb.ToArray(), $"bias gradient on an upsampled input {g}");
        }
    });

    /// <summary>Runs check in every conv variant, and in each of those in every upsample-conv variant (once where the backend has none).</summary>
    private void ForEachUpsampleConv(Action check) => ForEachVariant("conv", _ =>
    {
        if (Accelerator.KernelVariants(CpuSubPixel.Op).Count == 0) check();
        else ForEachVariant(CpuSubPixel.Op, _ => check());
    });

    private static void Expect(double[] expected, double[] magnitude, float[] actual, string what)
    {
        ParityData.CloseToSum(expected, magnitude, actual, what);
        ParityData.NothingWrittenPast(actual, expected.Length, what);
    }
}

public sealed class UpsampledConvParityOnCpu(ITestOutputHelper output) : UpsampledConvParityTests(Backend.Cpu, output);

public sealed class UpsampledConvParityOnIlgpuCpu(ITestOutputHelper output) : UpsampledConvParityTests(Backend.IlgpuCpu, output);

public sealed class UpsampledConvParityOnCuda(ITestOutputHelper output) : UpsampledConvParityTests(Backend.Cuda, output);

public sealed class UpsampledConvParityOnOpenCl(ITestOutputHelper output) : UpsampledConvParityTests(Backend.OpenCl, output);
