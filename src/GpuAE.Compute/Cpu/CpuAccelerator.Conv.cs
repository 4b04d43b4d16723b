using System.Numerics.Tensors;

namespace GpuAE.Compute.Cpu;

/// <summary>
/// Convolution ops on the host. The batch is split into one contiguous range of samples per
/// core; each range runs with its own scratch (im2col columns, partial weight gradient), and
/// partial weight gradients are summed in range order, so results do not depend on scheduling.
/// </summary>
public sealed partial class CpuAccelerator
{
    private readonly CpuConvScratch[] _convScratch = CreateConvScratch();

    private static CpuConvScratch[] CreateConvScratch()
    {
        var slots = new CpuConvScratch[Math.Max(1, Environment.ProcessorCount)];
        for (int i = 0; i < slots.Length; i++) slots[i] = new CpuConvScratch();
        return slots;
    }

    public override void Conv2dForward(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer weights, DeviceBuffer output)
    {
        CheckConv(g, input, g.InputSize, weights, output, g.OutputSize);
        var x = D(input); var w = D(weights); var y = D(output);
        bool direct = CpuConv.UseDirect(Kernels["conv"]);
        string? gemm = Kernels["gemm"];
        ForSampleRanges(g.Batch, (part, n0, n1) =>
        {
            var s = _convScratch[part];
            for (int n = n0; n < n1; n++)
            {
                var xn = x.AsSpan(n * g.InputSize, g.InputSize);
                var yn = y.AsSpan(n * g.OutputSize, g.OutputSize);
                if (direct) { CpuConv.DirectForwardSample(g, xn, w, yn); continue; }
                var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
                var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
                CpuConv.Im2colSample(g, xn, cols);
                CpuGemm.Run(gemm, false, false, g.OutChannels, g.OutPixels, g.Patch, 1f, w, cols, 0f, tmp);
                tmp.AsSpan(0, g.OutputSize).CopyTo(yn);
            }
        });
    }

    public override void Conv2dBackwardData(Conv2dGeometry g, DeviceBuffer outputGradient, DeviceBuffer weights, DeviceBuffer inputGradient)
    {
        CheckConv(g, inputGradient, g.InputSize, weights, outputGradient, g.OutputSize);
        var dy = D(outputGradient); var w = D(weights); var dx = D(inputGradient);
        bool direct = CpuConv.UseDirect(Kernels["conv"]);
        string? gemm = Kernels["gemm"];
        ForSampleRanges(g.Batch, (part, n0, n1) =>
        {
            var s = _convScratch[part];
            for (int n = n0; n < n1; n++)
            {
                var dyn = dy.AsSpan(n * g.OutputSize, g.OutputSize);
                var dxn = dx.AsSpan(n * g.InputSize, g.InputSize);
                if (direct) { CpuConv.DirectBackwardDataSample(g, dyn, w, dxn); continue; }
                var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
                var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
                dyn.CopyTo(tmp);
                CpuGemm.Run(gemm, true, false, g.Patch, g.OutPixels, g.OutChannels, 1f, w, tmp, 0f, cols);
                CpuConv.Col2imSample(g, cols, dxn);
            }
        });
    }

    public override void Conv2dBackwardWeights(Conv2dGeometry g, DeviceBuffer input, DeviceBuffer outputGradient, DeviceBuffer weightGradient)
    {
        CheckConv(g, input, g.InputSize, weightGradient, outputGradient, g.OutputSize);
        var x = D(input); var dy = D(outputGradient); var dw = D(weightGradient);
        bool direct = CpuConv.UseDirect(Kernels["conv"]);
        string? gemm = Kernels["gemm"];
        int parts = ForSampleRanges(g.Batch, (part, n0, n1) =>
        {
            var s = _convScratch[part];
            var partial = CpuConvScratch.Ensure(ref s.Weights, g.WeightCount).AsSpan(0, g.WeightCount);
            partial.Clear();
            for (int n = n0; n < n1; n++)
            {
                var xn = x.AsSpan(n * g.InputSize, g.InputSize);
                var dyn = dy.AsSpan(n * g.OutputSize, g.OutputSize);
                if (direct) { CpuConv.DirectBackwardWeightsSample(g, xn, dyn, partial); continue; }
                var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
                var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
                CpuConv.Im2colSample(g, xn, cols);
                dyn.CopyTo(tmp);
                CpuGemm.Run(gemm, false, true, g.OutChannels, g.Patch, g.OutPixels, 1f, tmp, cols, 1f, s.Weights);
            }
        });
        var total = dw.AsSpan(0, g.WeightCount);
        _convScratch[0].Weights.AsSpan(0, g.WeightCount).CopyTo(total);
        for (int p = 1; p < parts; p++) TensorPrimitives.Add(total, _convScratch[p].Weights.AsSpan(0, g.WeightCount), total);
    }

    public override void AddChannelBias(DeviceBuffer y, DeviceBuffer bias, int batch, int channels, int pixels)
    {
        CheckLength("channel bias", y, batch * channels * pixels); CheckLength("channel bias", bias, channels);
        var yd = D(y); var b = D(bias);
        ForRows(batch * channels, pixels, plane =>
        {
            var row = yd.AsSpan(plane * pixels, pixels);
            TensorPrimitives.Add(row, b[plane % channels], row);
        });
    }

    public override void SumChannels(DeviceBuffer x, DeviceBuffer sums, int batch, int channels, int pixels, float beta)
    {
        CheckLength("channel sum", x, batch * channels * pixels); CheckLength("channel sum", sums, channels);
        var xd = D(x); var s = D(sums);
        ForRows(channels, batch * pixels, c =>
        {
            double sum = 0;
            for (int n = 0; n < batch; n++) sum += TensorPrimitives.Sum(xd.AsSpan((n * channels + c) * pixels, pixels));
            s[c] = (float)sum + (beta == 0 ? 0f : beta * s[c]);
        });
    }

    /// <summary>
    /// Splits samples [0, batch) into one contiguous range per core and runs body(part, n0, n1)
    /// for each, in parallel; returns the number of parts.
    /// </summary>
    private static int ForSampleRanges(int batch, Action<int, int, int> body)
    {
        int parts = Math.Min(batch, Math.Max(1, Environment.ProcessorCount));
        if (parts == 1) { body(0, 0, batch); return 1; }
        Parallel.For(0, parts, part => body(part, part * batch / parts, (part + 1) * batch / parts));
        return parts;
    }

    private static void CheckConv(in Conv2dGeometry g, DeviceBuffer input, int inputSize, DeviceBuffer weights, DeviceBuffer output, int outputSize)
    {
        g.Validate();
        CheckLength("conv2d input", input, g.Batch * inputSize);
        CheckLength("conv2d weights", weights, g.WeightCount);
        CheckLength("conv2d output", output, g.Batch * outputSize);
    }

    private static void CheckLength(string what, DeviceBuffer buffer, long needed)
    {
        if (buffer.Length < needed)
            throw new ArgumentException($"{what}: buffer holds {buffer.Length} floats, the op needs {needed}");
    }
}
