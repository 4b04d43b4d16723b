using GpuAE.Compute;

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

    /// <summary>The seed conv models' layers at batch 128: conv-keras' first two convolutions, and a 64 -> 64 one at 28 x 28.</summary>
    public static IReadOnlyList<Shape> DefaultShapes() =>
    [
        new("keras conv1 28x28 1->64", new Conv2dGeometry(128, 1, 28, 28, 64, 3, 1, 1)),
        new("keras conv2 14x14 64->32", new Conv2dGeometry(128, 64, 14, 14, 32, 3, 1, 1)),
        new("28x28 64->64", new Conv2dGeometry(128, 64, 28, 28, 64, 3, 1, 1)),
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
                    var reference = ConvReference64.Compute(pass, g, x, w, dy);
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

    private static KernelBenchmarkResult Measure(Accelerator acc, Shape s, Pass pass, string variant, Action op, DeviceBuffer output,
        double[] reference, int repeats, double? peakGflops)
    {
        var g = s.Geometry;
        string name = OpName(pass), shapeText = $"{s.Name} b{g.Batch}";
        acc.Fill(output, reference.Length, float.NaN); // poison: unwritten outputs fail the check
        op();
        var result = new float[reference.Length];
        output.Download(result);
        double maxErr = GemmBenchmark.MaxRelativeError(result, reference, Depth(pass, g));
        double tolerance = 1e-4 * Math.Sqrt(Depth(pass, g));
        if (!(maxErr <= tolerance))
            return new KernelBenchmarkResult(name, variant, acc.Info.Spec, shapeText, false, maxErr, double.NaN, double.NaN, double.NaN, null,
                $"max relative error {maxErr:G3} > {tolerance:G3}");
        for (int i = 0; i < 2; i++) acc.Time(op);
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

/// <summary>The three convolution passes in float64, plane by plane (rows contiguous, so it runs in seconds at batch 128).</summary>
internal static class ConvReference64
{
    public static double[] Compute(ConvBenchmark.Pass pass, Conv2dGeometry g, float[] x, float[] w, float[] dy) => pass switch
    {
        ConvBenchmark.Pass.Forward => Forward(g, x, w),
        ConvBenchmark.Pass.BackwardData => BackwardData(g, dy, w),
        _ => BackwardWeights(g, x, dy),
    };

    /// <summary>Calls tap(oy, ox range [x0, x1), iy, ix0) for every kernel tap (kh, kw): output pixels whose input lies inside.</summary>
    private static void ForEachRow(Conv2dGeometry g, int kh, int kw, Action<int, int, int, int, int> tap)
    {
        int s = g.Stride, p = g.Padding;
        int x0 = Math.Max(0, (p - kw + s - 1) / s), x1 = g.InWidth - 1 + p - kw < 0 ? 0 : Math.Min(g.OutWidth, (g.InWidth - 1 + p - kw) / s + 1);
        for (int oy = 0; oy < g.OutHeight; oy++)
        {
            int iy = oy * s - p + kh;
            if (iy < 0 || iy >= g.InHeight || x1 <= x0) continue;
            tap(oy, x0, x1, iy, x0 * s - p + kw);
        }
    }

    private static double[] Forward(Conv2dGeometry g, float[] x, float[] w)
    {
        var y = new double[g.Batch * g.OutputSize];
        Parallel.For(0, g.Batch * g.OutChannels, plane =>
        {
            int n = plane / g.OutChannels, o = plane % g.OutChannels, s = g.Stride;
            for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < g.Kernel; kh++)
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                double wt = w[((o * g.InChannels + c) * g.Kernel + kh) * g.Kernel + kw];
                int xPlane = (n * g.InChannels + c) * g.InPixels;
                ForEachRow(g, kh, kw, (oy, x0, x1, iy, ix0) =>
                {
                    int yRow = plane * g.OutPixels + oy * g.OutWidth, xRow = xPlane + iy * g.InWidth + ix0;
                    for (int ox = x0; ox < x1; ox++) y[yRow + ox] += wt * x[xRow + (ox - x0) * s];
                });
            }
        });
        return y;
    }

    private static double[] BackwardData(Conv2dGeometry g, float[] dy, float[] w)
    {
        var dx = new double[g.Batch * g.InputSize];
        Parallel.For(0, g.Batch * g.InChannels, plane =>
        {
            int n = plane / g.InChannels, c = plane % g.InChannels, s = g.Stride;
            for (int o = 0; o < g.OutChannels; o++)
            for (int kh = 0; kh < g.Kernel; kh++)
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                double wt = w[((o * g.InChannels + c) * g.Kernel + kh) * g.Kernel + kw];
                int yPlane = (n * g.OutChannels + o) * g.OutPixels;
                ForEachRow(g, kh, kw, (oy, x0, x1, iy, ix0) =>
                {
                    int yRow = yPlane + oy * g.OutWidth, xRow = plane * g.InPixels + iy * g.InWidth + ix0;
                    for (int ox = x0; ox < x1; ox++) dx[xRow + (ox - x0) * s] += wt * dy[yRow + ox];
                });
            }
        });
        return dx;
    }

    private static double[] BackwardWeights(Conv2dGeometry g, float[] x, float[] dy)
    {
        var dw = new double[g.WeightCount];
        Parallel.For(0, g.OutChannels * g.InChannels, pair =>
        {
            int o = pair / g.InChannels, c = pair % g.InChannels, s = g.Stride;
            for (int kh = 0; kh < g.Kernel; kh++)
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                double sum = 0;
                for (int n = 0; n < g.Batch; n++)
                {
                    int xPlane = (n * g.InChannels + c) * g.InPixels, yPlane = (n * g.OutChannels + o) * g.OutPixels;
                    ForEachRow(g, kh, kw, (oy, x0, x1, iy, ix0) =>
                    {
                        int yRow = yPlane + oy * g.OutWidth, xRow = xPlane + iy * g.InWidth + ix0;
                        for (int ox = x0; ox < x1; ox++) sum += (double)dy[yRow + ox] * x[xRow + (ox - x0) * s];
                    });
                }
                dw[(pair * g.Kernel + kh) * g.Kernel + kw] = sum;
            }
        });
        return dw;
    }
}
