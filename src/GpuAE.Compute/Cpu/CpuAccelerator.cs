using System.Numerics.Tensors;
using GpuAE.Kernels.Conv;
using GpuAE.Kernels.Elementwise;
using GpuAE.Kernels.Gather;
using GpuAE.Kernels.Gemm;
using GpuAE.Kernels.Loss;
using GpuAE.Kernels.Noise;
using GpuAE.Kernels.Optimizers;
using GpuAE.Kernels.Quality;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// The managed accelerator: every op in C#, vectorised with TensorPrimitives / Vector, and
/// spread over the cores with Parallel.For where the work is large enough to pay for it.
/// It is the default device and the reference the GPU accelerators are tested against.
/// </summary>
public sealed partial class CpuAccelerator : Accelerator
{
    /// <summary>The conv job pools, upsamples and gates each sample while its planes are in cache (CpuConvJob.Fusion).</summary>
    public override bool FusesPoolIntoConv => true;

    /// <summary>Below this many elements an element-wise op runs on one thread.</summary>
    private const int ParallelThreshold = 1 << 16;

    public CpuAccelerator() : this(Describe()) { }

    private CpuAccelerator(DeviceInfo info) : base(info) { }

    public static DeviceInfo Describe()
    {
        string cpu = ReadCpuName() ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        string simd = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512 (16 floats)"
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "AVX2 (8 floats)"
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "SSE/NEON (4 floats)" : "scalar";
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new DeviceInfo(AcceleratorType.Cpu, 0, cpu, "managed (.NET SIMD)", memory, Environment.ProcessorCount,
            IsGpu: false, Details: $"{Environment.ProcessorCount} cores, vector width {simd}");
    }

    private static string? ReadCpuName()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return null;
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return null; }
    }

    protected override DeviceBuffer AllocateCore(int length) => new CpuBuffer(this, length);

    private static float[] D(DeviceBuffer b) => ((CpuBuffer)b).Data;
    private static Span<float> S(DeviceBuffer b, int n) => ((CpuBuffer)b).Data.AsSpan(0, n);

    protected override void UploadCore(ReadOnlySpan<float> source, DeviceBuffer destination, int offset) =>
        source.CopyTo(D(destination).AsSpan(offset));

    protected override void DownloadCore(DeviceBuffer source, Span<float> destination, int offset) =>
        D(source).AsSpan(offset, destination.Length).CopyTo(destination);

    protected override void SynchronizeCore() { }

    public override IReadOnlyList<string> KernelVariants(string op) => op switch { "gemm" => CpuGemm.Variants, "conv" => CpuConv.Variants, CpuSubPixel.Op => CpuSubPixel.Variants, _ => [] };

    protected override void FillCore(DeviceBuffer x, int n, float value) => S(x, n).Fill(value);

    protected override void CopyCore(DeviceBuffer source, int sourceOffset, DeviceBuffer destination, int destinationOffset, int n) =>
        D(source).AsSpan(sourceOffset, n).CopyTo(D(destination).AsSpan(destinationOffset, n));

    protected override void GatherRowsCore(DeviceBuffer source, int sourceRows, int cols, DeviceBuffer order, int start, int rows, DeviceBuffer destination)
    {
        var s = D(source); var o = D(order); var d = D(destination);
        for (int r = 0; r < rows; r++)
        {
            float index = o[start + r];
            var row = d.AsSpan(r * cols, cols);
            if (GatherReference.IsRow(index, sourceRows)) s.AsSpan((int)index * cols, cols).CopyTo(row);
            else row.Fill(float.NaN);
        }
    }

    protected override void GemmCore(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        DeviceBuffer a, DeviceBuffer b, float beta, DeviceBuffer c) =>
        CpuGemm.Run(Kernels.For(Tuning.ShapeKey.Gemm(transposeA, transposeB, m, n, k)), transposeA, transposeB, m, n, k, alpha, D(a), D(b), beta, D(c));

    protected override void AddRowVectorCore(DeviceBuffer y, DeviceBuffer bias, int rows, int cols)
    {
        var yd = D(y); var bd = D(bias);
        ForRows(rows, cols, r => { var row = yd.AsSpan(r * cols, cols); TensorPrimitives.Add(row, bd.AsSpan(0, cols), row); });
    }

    protected override void SumRowsCore(DeviceBuffer x, DeviceBuffer sums, int rows, int cols, float beta)
    {
        var xd = D(x); var sd = S(sums, cols);
        if (beta == 0) sd.Clear(); else if (beta != 1) TensorPrimitives.Multiply(sd, beta, sd);
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(sd, xd.AsSpan(r * cols, cols), sd);
    }

    protected override void AxpyCore(DeviceBuffer x, DeviceBuffer y, int n, float alpha)
    {
        var xd = D(x); var yd = D(y);
        ForChunks(n, (start, len) => { var ys = yd.AsSpan(start, len); TensorPrimitives.MultiplyAdd(xd.AsSpan(start, len), alpha, ys, ys); });
    }

    protected override void ActivationForwardCore(ActivationKind kind, float alpha, DeviceBuffer x, DeviceBuffer y, int n)
    {
        var xd = D(x); var yd = D(y);
        ForChunks(n, (start, len) => CpuActivations.Forward(kind, alpha, xd.AsSpan(start, len), yd.AsSpan(start, len)));
    }

    protected override void ActivationBackwardCore(ActivationKind kind, float alpha, DeviceBuffer y, DeviceBuffer dy, DeviceBuffer dx, int n)
    {
        var yd = D(y); var dyd = D(dy); var dxd = D(dx);
        ForChunks(n, (start, len) => CpuActivations.Backward(kind, alpha, yd.AsSpan(start, len), dyd.AsSpan(start, len), dxd.AsSpan(start, len)));
    }

    protected override void MseLossCore(DeviceBuffer prediction, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale)
    {
        var p = D(prediction); var t = D(target); var g = D(gradient); var l = D(rowLoss);
        ForRows(rows, cols, r => l[r] = CpuLosses.Mse(p.AsSpan(r * cols, cols), t.AsSpan(r * cols, cols), g.AsSpan(r * cols, cols), scale));
    }

    protected override void BceWithLogitsLossCore(DeviceBuffer logits, DeviceBuffer target, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int cols, float scale)
    {
        var z = D(logits); var t = D(target); var g = D(gradient); var l = D(rowLoss);
        ForRows(rows, cols, r =>
            l[r] = CpuLosses.BceWithLogits(z.AsSpan(r * cols, cols), t.AsSpan(r * cols, cols), g.AsSpan(r * cols, cols), scale, RowScratch(cols)));
    }

    [ThreadStatic] private static float[]? _rowScratch;

    /// <summary>A per-thread scratch row, grown once, so row-wise ops allocate nothing in steady state.</summary>
    private static Span<float> RowScratch(int length)
    {
        if (_rowScratch is null || _rowScratch.Length < length) _rowScratch = new float[Math.Max(length, 1024)];
        return _rowScratch.AsSpan(0, length);
    }

    protected override void SoftmaxCrossEntropyLossCore(DeviceBuffer logits, DeviceBuffer labels, DeviceBuffer gradient, DeviceBuffer rowLoss, int rows, int classes, float scale)
    {
        var z = D(logits); var y = D(labels); var g = D(gradient); var l = D(rowLoss);
        ForRows(rows, classes, r =>
            l[r] = CpuLosses.SoftmaxCrossEntropy(z.AsSpan(r * classes, classes), (int)y[r], g.AsSpan(r * classes, classes), scale));
    }

    protected override void AccumulateSumCore(DeviceBuffer values, int n, DeviceBuffer total, int index)
    {
        double sum = 0;
        foreach (var v in S(values, n)) sum += v;
        D(total)[index] += (float)sum;
    }

    protected override void SgdUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer velocity, int n, float learningRate, float momentum, float weightDecay)
    {
        var w = D(weights); var g = D(gradient); var v = D(velocity);
        ForChunks(n, (start, len) =>
            CpuOptimizers.Sgd(w.AsSpan(start, len), g.AsSpan(start, len), v.AsSpan(start, len), learningRate, momentum, weightDecay));
    }

    protected override void AdamUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer m, DeviceBuffer v, int n, float learningRate, float beta1, float beta2, float epsilon, float c1, float c2)
    {
        var w = D(weights); var g = D(gradient); var md = D(m); var vd = D(v);
        ForChunks(n, (start, len) =>
            CpuOptimizers.Adam(w.AsSpan(start, len), g.AsSpan(start, len), md.AsSpan(start, len), vd.AsSpan(start, len), learningRate, beta1, beta2, epsilon, c1, c2));
    }

    protected override void AdadeltaUpdateCore(DeviceBuffer weights, DeviceBuffer gradient, DeviceBuffer squaredGradientAverage, DeviceBuffer squaredUpdateAverage,
        int n, float learningRate, float rho, float epsilon)
    {
        var w = D(weights); var g = D(gradient); var sg = D(squaredGradientAverage); var su = D(squaredUpdateAverage);
        ForChunks(n, (start, len) => CpuOptimizers.Adadelta(w.AsSpan(start, len), g.AsSpan(start, len), sg.AsSpan(start, len), su.AsSpan(start, len),
            learningRate, rho, epsilon));
    }

    protected override void ApplyNoiseCore(DeviceBuffer clean, DeviceBuffer noisy, int images, int height, int width,
        NoiseParameters noise, ulong seed, uint epoch, uint firstSample)
    {
        var c = D(clean); var o = D(noisy); int pixels = height * width;
        if (NoiseSamplerSimd.IsSupported && NoiseSamplerSimd.Handles(noise.Kind))
            ForRows(images, pixels, i =>
                NoiseSamplerSimd.Corrupt(c.AsSpan(i * pixels, pixels), o.AsSpan(i * pixels, pixels), pixels, noise, seed, epoch, firstSample + (uint)i));
        else
            ForRows(images, pixels * 8, i =>
                NoiseSampler.Corrupt(c.AsSpan(i * pixels, pixels), o.AsSpan(i * pixels, pixels), height, width, noise, seed, epoch, firstSample + (uint)i));
    }

    protected override void ImageQualityCore(DeviceBuffer reference, DeviceBuffer test, int images, int height, int width, DeviceBuffer mse, DeviceBuffer ssim)
    {
        var x = D(reference); var y = D(test); var e = D(mse); var s = D(ssim); int pixels = height * width;
        Parallel.For(0, images, i =>
        {
            var xi = x.AsSpan(i * pixels, pixels); var yi = y.AsSpan(i * pixels, pixels);
            e[i] = (float)CpuImageQuality.Mse(xi, yi);
            s[i] = (float)CpuImageQuality.Ssim(xi, yi, height, width);
        });
    }

    /// <summary>Runs body(row) for each row, in parallel when rows * costPerRow is large.</summary>
    private static void ForRows(int rows, int costPerRow, Action<int> body)
    {
        if ((long)rows * costPerRow < ParallelThreshold || rows < 2) { for (int r = 0; r < rows; r++) body(r); return; }
        Parallel.For(0, rows, body);
    }

    /// <summary>Splits [0, n) into one contiguous chunk per core for element-wise ops.</summary>
    private static void ForChunks(int n, Action<int, int> body)
    {
        int workers = Environment.ProcessorCount;
        if (n < ParallelThreshold || workers < 2) { body(0, n); return; }
        int chunk = (n + workers - 1) / workers;
        chunk = (chunk + 15) & ~15;
        int count = (n + chunk - 1) / chunk;
        Parallel.For(0, count, w => { int start = w * chunk; body(start, Math.Min(chunk, n - start)); });
    }
}
