using GpuAE.Compute;
using GpuAE.Kernels.Conv;

namespace GpuAE.Benchmarks;

/// <summary>
/// `gpuae bench kernels --op upsample-conv`: a conv reading its input as the x2 upsampling of a
/// buffer a quarter the size (a training step's Upsample2d + Conv2d, with the ReLU gate the step
/// applies in backward data), every pass checked against the float64 conv of the upsampling,
/// then timed, in each upsample-conv variant of the accelerator (the CPU's sub-pixel conv and
/// its conv of the upsampling; "default" where there are none). GFLOP/s count the upsampled
/// conv's multiply-adds, so a variant that skips some shows more than its arithmetic rate.
/// </summary>
public static class UpsampleConvBenchmark
{
    /// <summary>The op family whose variants are timed (`--kernels upsample-conv=...`).</summary>
    public const string Op = "upsample-conv";

    /// <summary>conv-keras's decoder at batch 128: its three convs of an upsampling.</summary>
    public static IReadOnlyList<ConvBenchmark.Shape> DefaultShapes() =>
    [
        new("keras up 8x8 16->32", new Conv2dGeometry(128, 16, 8, 8, 32, 3, 1, 1)),
        new("keras up 16x16 32->64 valid", new Conv2dGeometry(128, 32, 16, 16, 64, 3, 1, 0)),
        new("keras up 28x28 64->1", new Conv2dGeometry(128, 64, 28, 28, 1, 3, 1, 1)),
    ];

    public static IEnumerable<KernelBenchmarkResult> Run(Accelerator acc, IReadOnlyList<ConvBenchmark.Shape> shapes, int repeats, double? peakGflops)
    {
        var variants = acc.KernelVariants(Op);
        string? previous = acc.Kernels[Op];
        try
        {
            foreach (var shape in shapes)
            {
                var g = shape.Geometry;
                g.Validate();
                int small = g.Batch * g.InputSize / 4;
                uint seed = (uint)(g.InChannels * 31 + g.OutChannels * 7 + g.InHeight);
                var x = GemmBenchmark.RandomValues(small, seed);
                var w = GemmBenchmark.RandomValues(g.WeightCount, seed + 1);
                var dy = GemmBenchmark.RandomValues(g.Batch * g.OutputSize, seed + 2);
                var gate = GemmBenchmark.RandomValues(small, seed + 3);
                using var dx = acc.Allocate(x); using var dw = acc.Allocate(w); using var ddy = acc.Allocate(dy); using var dgate = acc.Allocate(gate);
                using var outY = acc.Allocate(g.Batch * g.OutputSize);
                using var outDx = acc.Allocate(small);
                using var outDw = acc.Allocate(g.WeightCount);
                foreach (var pass in Enum.GetValues<ConvBenchmark.Pass>())
                {
                    var reference = pass switch
                    {
                        ConvBenchmark.Pass.Forward => UpsampledConvReference.Forward(g, x, w),
                        ConvBenchmark.Pass.BackwardData => UpsampledConvReference.BackwardData(g, dy, w).Select((v, i) => gate[i] > 0 ? v : 0).ToArray(),
                        _ => UpsampledConvReference.BackwardWeights(g, x, dy),
                    };
                    var output = pass switch { ConvBenchmark.Pass.Forward => outY, ConvBenchmark.Pass.BackwardData => outDx, _ => outDw };
                    Action op = pass switch
                    {
                        ConvBenchmark.Pass.Forward => () => acc.Conv2dForward(g, dx, dw, outY, upsampledInput: true),
                        ConvBenchmark.Pass.BackwardData => () => acc.Conv2dBackwardData(g, ddy, dw, outDx, upsampledInput: true, reluGate: dgate),
                        _ => () => acc.Conv2dBackwardWeights(g, dx, ddy, outDw, upsampledInput: true),
                    };
                    string name = "up" + ConvBenchmark.OpName(pass);
                    if (variants.Count == 0) { yield return ConvBenchmark.Measure(acc, shape, pass, "default", op, output, reference, repeats, peakGflops, name); continue; }
                    foreach (var variant in variants)
                    {
                        acc.Kernels.Set(Op, variant);
                        yield return ConvBenchmark.Measure(acc, shape, pass, variant, op, output, reference, repeats, peakGflops, name);
                    }
                }
            }
        }
        finally
        {
            if (previous is not null) acc.Kernels.Set(Op, previous);
            else acc.Kernels.Clear(Op);
        }
    }
}
