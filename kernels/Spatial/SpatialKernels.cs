using GpuAE.Compute;
using GpuAE.Kernels.Common;
using GpuAE.Kernels.Elementwise;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Spatial;

/// <summary>
/// Per-channel bias and its gradient, 2x2 max-pooling and x2 nearest upsampling over NCHW
/// planes as ILGPU kernels. Backward passes are gathers (each input pixel reads the outputs it
/// fed): no atomics, deterministic.
///   AddChannelBias (and an activation after it: a conv's epilogue), SumChannels (one group per
///   channel, tree sum), MaxPoolForward (first maximum in row-major order wins, as the CPU),
///   MaxPoolBackward, UpsampleForward, UpsampleBackward. The two backward passes take an optional
///   gate: the backward pass of the activation (upsample: a ReLU) whose output the pool pooled or
///   the upsample read, done in the same launch.
/// </summary>
public static class SpatialKernels
{
    /// <summary>y = f(y + bias[channel]); activation is an ActivationKind number (Identity: the bias alone).</summary>
    public static void AddChannelBias(ArrayView<float> y, ArrayView<float> bias, int total, int channels, int pixels, int activation, float alpha)
    {
        int i = Grid.GlobalIndex.X;
        if (i < total) y[i] = ElementwiseKernels.Activate(activation, alpha, y[i] + bias[(i / pixels) % channels]);
    }

    /// <summary>sums[c] = sum_{n, q} x[n, c, q] + beta sums[c].</summary>
    public static void SumChannels(ArrayView<float> x, ArrayView<float> sums, int batch, int channels, int pixels, float beta)
    {
        var scratch = GroupReduce.Scratch();
        int c = Grid.IdxX, lid = Group.IdxX;
        float sum = 0.0f;
        for (int j = lid; j < batch * pixels; j += GroupReduce.Size) sum = sum + x[((j / pixels) * channels + c) * pixels + j % pixels];
        sum = GroupReduce.Sum(scratch, sum);
        if (lid == 0) sums[c] = sum + (beta == 0.0f ? 0.0f : beta * sums[c]);
    }

    /// <summary>One item per output; indices = row * width + column within the plane, as a float.</summary>
    public static void MaxPoolForward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> indices, PoolShape s)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= s.Planes * s.OutHeight * s.OutWidth) return;
        int ox = i % s.OutWidth, oy = (i / s.OutWidth) % s.OutHeight, plane = i / (s.OutWidth * s.OutHeight);
        int start = plane * s.Height * s.Width;
        int best = -1;
        float top = float.NegativeInfinity;
        for (int dy = 0; dy < 2; dy++)
        for (int dx = 0; dx < 2; dx++)
        {
            int iy = 2 * oy + dy, ix = 2 * ox + dx;
            if (iy >= s.Height || ix >= s.Width) continue;
            float v = x[start + iy * s.Width + ix];
            // IEEE: nothing beats a NaN, and a NaN beats nothing. Tested on the bits, because
            // PoCL's compiler (seen on 5.x) folded "v > top" as if no value were NaN.
            if (best < 0 || (!DeviceMath.IsNaN(top) && !DeviceMath.IsNaN(v) && v > top)) { top = v; best = iy * s.Width + ix; }
        }
        y[i] = top;
        indices[i] = best;
    }

    /// <summary>
    /// dx = dy of the pixel's window if its saved argmax is this pixel, else 0 ("0 + dy" as the
    /// CPU's clear-then-add); with a gate (gateKind not Identity: the pooled output of an
    /// activation), times that activation's derivative at the window's output (0 for a ReLU's zero).
    /// </summary>
    public static void MaxPoolBackward(ArrayView<float> dy, ArrayView<float> indices, ArrayView<float> dx, PoolShape s, ArrayView<float> gate, int gateKind, float gateAlpha)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= s.Planes * s.Height * s.Width) return;
        int ix = i % s.Width, iy = (i / s.Width) % s.Height, plane = i / (s.Width * s.Height);
        int oy = iy / 2, ox = ix / 2;
        float g = 0.0f;
        if (oy < s.OutHeight && ox < s.OutWidth)
        {
            int o = (plane * s.OutHeight + oy) * s.OutWidth + ox;
            if ((int)indices[o] == iy * s.Width + ix) g = 0.0f + dy[o];
            if (gateKind != (int)ActivationKind.Identity) g = ElementwiseKernels.Derivative(gateKind, gateAlpha, gate[o], g);
        }
        dx[i] = g;
    }

    public static void UpsampleForward(ArrayView<float> x, ArrayView<float> y, int planes, int height, int width)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= planes * 4 * height * width) return;
        int x2 = i % (2 * width), y2 = (i / (2 * width)) % (2 * height), plane = i / (4 * height * width);
        y[i] = x[(plane * height + y2 / 2) * width + x2 / 2];
    }

    /// <summary>dx = the 2x2 block it was copied to, summed in the CPU's order; with a gate (the upsample's input), 0 where the gate is not positive.</summary>
    public static void UpsampleBackward(ArrayView<float> dy, ArrayView<float> dx, int planes, int height, int width, ArrayView<float> gate, int gated)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= planes * height * width) return;
        int ix = i % width, iy = (i / width) % height, plane = i / (width * height);
        int top = (plane * 2 * height + 2 * iy) * 2 * width + 2 * ix, bottom = top + 2 * width;
        float sum = dy[top] + dy[top + 1] + dy[bottom] + dy[bottom + 1];
        dx[i] = gated != 0 && !(gate[i] > 0.0f) ? 0.0f : sum;
    }
}

/// <summary>The sizes of one max-pool launch (pooled sizes from floor or ceil mode).</summary>
public readonly record struct PoolShape(int Planes, int Height, int Width, int OutHeight, int OutWidth);

/// <summary>Launches the spatial kernels.</summary>
public sealed class SpatialLaunchers(KernelDevice device)
{
    private const int Group = 256;

    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int, float>? _addChannelBias;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, float>? _sumChannels;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, PoolShape>? _poolForward;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, PoolShape, ArrayView<float>, int, float>? _poolBackward;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int>? _upsampleForward;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, ArrayView<float>, int>? _upsampleBackward;

    private Accelerator Acc => device.Accelerator;

    public void AddChannelBias(ArrayView<float> y, ArrayView<float> bias, int batch, int channels, int pixels,
        ActivationKind activation = ActivationKind.Identity, float alpha = 0f) =>
        (_addChannelBias ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int, int, float>(SpatialKernels.AddChannelBias))(
            device.Launch(), KernelDevice.Cover((long)batch * channels * pixels, Group), y, bias, batch * channels * pixels, channels, pixels, (int)activation, alpha);

    public void SumChannels(ArrayView<float> x, ArrayView<float> sums, int batch, int channels, int pixels, float beta) =>
        (_sumChannels ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int, float>(SpatialKernels.SumChannels))(
            device.Launch(), new KernelConfig(channels, GroupReduce.Size), x, sums, batch, channels, pixels, beta);

    public void MaxPoolForward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> indices, PoolShape s) =>
        (_poolForward ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, PoolShape>(SpatialKernels.MaxPoolForward))(
            device.Launch(), KernelDevice.Cover((long)s.Planes * s.OutHeight * s.OutWidth, Group), x, y, indices, s);

    /// <summary>With a gate (not null): through the activation's derivative at the pooled output (its backward, fused); without one, dy stands in as the unread gate view.</summary>
    public void MaxPoolBackward(ArrayView<float> dy, ArrayView<float> indices, ArrayView<float> dx, PoolShape s, ArrayView<float>? gate = null,
        ActivationKind gateActivation = ActivationKind.Relu, float gateAlpha = 0f) =>
        (_poolBackward ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, PoolShape, ArrayView<float>, int, float>(SpatialKernels.MaxPoolBackward))(
            device.Launch(), KernelDevice.Cover((long)s.Planes * s.Height * s.Width, Group), dy, indices, dx, s, gate ?? dy,
            gate is null ? (int)ActivationKind.Identity : (int)gateActivation, gateAlpha);

    public void UpsampleForward(ArrayView<float> x, ArrayView<float> y, int planes, int height, int width) =>
        (_upsampleForward ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int>(SpatialKernels.UpsampleForward))(
            device.Launch(), KernelDevice.Cover(4L * planes * height * width, Group), x, y, planes, height, width);

    public void UpsampleBackward(ArrayView<float> dy, ArrayView<float> dx, int planes, int height, int width, ArrayView<float>? gate = null) =>
        (_upsampleBackward ??= Acc.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, int, ArrayView<float>, int>(SpatialKernels.UpsampleBackward))(
            device.Launch(), KernelDevice.Cover((long)planes * height * width, Group), dy, dx, planes, height, width, gate ?? dx, gate is null ? 0 : 1);
}
