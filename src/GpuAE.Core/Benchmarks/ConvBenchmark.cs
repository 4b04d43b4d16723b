using GpuAE.Compute;
using GpuAE.Kernels.Conv;

namespace GpuAE.Benchmarks;

/// <summary>
/// `gpuae bench kernels --op conv`: for every conv variant of an accelerator, every shape and
/// each of forward, backward data and backward weights, first checks the result against a
/// float64 reference on random inputs (a variant that fails is reported, not timed), then times
/// it as <see cref="GemmBenchmark"/> does: warm-up, then the median of repeated runs measured by
/// the accelerator's own timer.
/// </summary>
public static class ConvBenchmark
{
    public enum Pass { Forward, BackwardData, BackwardWeights }

    public sealed record Shape(string Name, Conv2dGeometry Geometry);

    /// <summary>
    /// The seed conv models' layers at batch 128: conv-keras' first two convolutions and its last
    /// (one output channel: the thin layer the GPU's direct-plane weight gradient is for), a
    /// 64 -> 64 one at 28 x 28, and conv-mnist's transposed conv as a strided conv.
    /// </summary>
    public static IReadOnlyList<Shape> DefaultShapes() =>
    [
        new("keras conv1 28x28 1->64", new Conv2dGeometry(128, 1, 28, 28, 64, 3, 1, 1)),
        new("keras conv2 14x14 64->32", new Conv2dGeometry(128, 64, 14, 14, 32, 3, 1, 1)),
        new("keras last 28x28 64->1", new Conv2dGeometry(128, 64, 28, 28, 1, 3, 1, 1)),
        new("28x28 64->64", new Conv2dGeometry(128, 64, 28, 28, 64, 3, 1, 1)),
        new("mnist convT 28x28 32->32 s2", new Conv2dGeometry(128, 32, 28, 28, 32, 3, 2, 1)),
    ];

    public static IEnumerable<KernelBenchmarkResult> Run(Accelerator acc, IReadOnlyList<Shape> shapes, int repeats, double? peakGflops)
    {
        var variants = acc.KernelVariants("conv");
        string? previous = acc.Kernels["conv"];
        try
        {
            foreach (var shape in shapes)
            {
                var g = shape.Geometry;
                g.Validate();
                uint seed = (uint)(g.InChannels * 31 + g.OutChannels * 7 + g.InHeight);
                var x = GemmBenchmark.RandomValues(g.Batch * g.InputSize, seed);
                var w = GemmBenchmark.RandomValues(g.WeightCount, seed + 1);
                var dy = GemmBenchmark.RandomValues(g.Batch * g.OutputSize, seed + 2);
                using var dx = acc.Allocate(x); using var dw = acc.Allocate(w); using var ddy = acc.Allocate(dy);
                using var outY = acc.Allocate(g.Batch * g.OutputSize);
                using var outDx = acc.Allocate(g.Batch * g.InputSize);
                using var outDw = acc.Allocate(g.WeightCount);
                foreach (var pass in Enum.GetValues<Pass>())
                {
                    var reference = pass switch
                    {
                        Pass.Forward => ConvReference.Forward(g, x, w),
                        Pass.BackwardData => ConvReference.BackwardData(g, dy, w),
                        _ => ConvReference.BackwardWeights(g, x, dy),
                    };
                    var output = pass switch { Pass.Forward => outY, Pass.BackwardData => outDx, _ => outDw };
                    Action op = pass switch
                    {
                        Pass.Forward => () => acc.Conv2dForward(g, dx, dw, outY),
                        Pass.BackwardData => () => acc.Conv2dBackwardData(g, ddy, dw, outDx),
                        _ => () => acc.Conv2dBackwardWeights(g, dx, ddy, outDw),
                    };
                    foreach (var variant in variants)
                    {
                        acc.Kernels.Set("conv", variant);
                        yield return Measure(acc, shape, pass, variant, op, output, reference, repeats, peakGflops);
                    }
                }
            }
        }
        finally
        {
            if (previous is not null) acc.Kernels.Set("conv", previous);
            else if (variants.Count > 0) acc.Kernels.Set("conv", variants[0]);
        }
    }

    public static string OpName(Pass pass) => pass switch { Pass.Forward => "conv fwd", Pass.BackwardData => "conv bwd-data", _ => "conv bwd-weights" };

    /// <summary>Products each output sums (the reference's depth), for the error tolerance.</summary>
    private static int Depth(Pass pass, Conv2dGeometry g) => pass switch
    {
        Pass.Forward => g.Patch,
        Pass.BackwardData => g.OutChannels * g.Kernel * g.Kernel,
        _ => g.Batch * g.OutPixels,
    };

    /// <summary>Checks one variant's output against the reference (named as the op, or name), then times it.</summary>
    internal static KernelBenchmarkResult Measure(Accelerator acc, Shape s, Pass pass, string variant, Action op, DeviceBuffer output,
        double[] reference, int repeats, double? peakGflops, string? name = null)
    {
        var g = s.Geometry;
        string shapeText = $"{s.Name} b{g.Batch}";
        name ??= OpName(pass);
        acc.Fill(output, reference.Length, float.NaN); // poison: unwritten outputs fail the check
        op();
        var result = new float[reference.Length];
        output.Download(result);
        double maxErr = GemmBenchmark.MaxRelativeError(result, reference, Depth(pass, g));
        double tolerance = 1e-4 * Math.Sqrt(Depth(pass, g));
        if (!(maxErr <= tolerance))
            return new KernelBenchmarkResult(name, variant, acc.Info.Spec, shapeText, false, maxErr, double.NaN, double.NaN, double.NaN, null,
                $"max relative error {maxErr:G3} > {tolerance:G3}");
        Timing.WarmUp(() => acc.Time(op), minCalls: 40, minMilliseconds: 400, maxMilliseconds: 5000);
        var times = new List<double>();
        double budgetMs = 0;
        for (int i = 0; i < repeats && budgetMs < 20_000; i++) { double t = acc.Time(op); times.Add(t); budgetMs += t; }
        double ms = Timing.Median(times);
        // Every pass does the forward pass's multiply-adds (padding taps included); bytes are the
        // three tensors each touches once, the least traffic possible.
        double flops = 2.0 * g.Batch * g.OutChannels * g.OutPixels * g.Patch;
        double bytes = 4.0 * ((double)g.Batch * g.InputSize + g.WeightCount + (double)g.Batch * g.OutputSize);
        double gflops = flops / (ms * 1e6);
        return new KernelBenchmarkResult(name, variant, acc.Info.Spec, shapeText, true, maxErr, ms, gflops, bytes / (ms * 1e6),
            peakGflops is > 0 ? gflops / peakGflops : null, null);
    }
}
