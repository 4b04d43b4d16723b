using GpuAE.Compute;
using GpuAE.Kernels.Common;
using GpuAE.Kernels.Elementwise;
using ILGPU;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// 2-D convolution over NCHW tensors (geometry as Conv2dGeometry: square kernel k, stride s,
/// zero padding p; weights [OC, C, k, k]) as ILGPU kernels, for the variants of ConvLaunchers:
///   1 direct        one work-item per output element, a loop over its receptive field;
///                   backward data a gather per input pixel; backward weights one item per
///                   weight summing over the whole batch (few items: slow on a GPU).
///   2 direct-split  direct, but the weight gradient is split over slices of the batch, one item
///                   per (slice, weight), and the slices' partial sums are added in a fixed
///                   order (DirectWeightsPartial + SumPartials): the batch runs in parallel.
///   3 im2col        a chunk of samples lowered to columns [C k k, chunk OH OW] and multiplied
///                   by a GEMM (cuBLAS or GemmKernels); ChunkToNchw / NchwToChunk move data
///                   between NCHW and the GEMM's channel-major layout; Col2im gathers per input
///                   pixel; the weight gradient is a split-K GEMM plus SumPartials.
///   4 implicit-gemm forward as a register-blocked GEMM (W [OC, C k k] x columns) whose column
///                   tiles are gathered from the input as they are staged in shared memory: no
///                   materialised columns, results written straight into NCHW; its backward
///                   passes are im2col's.
///   5 direct-plane  direct, but the weight gradient (kernels up to 3x3) runs one group per
///                   (slice of the batch, output channel, input channel): each item keeps the
///                   taps' sums over its share of the plane pair in registers, then one tree sum
///                   per tap in shared memory (PlaneWeights). It reads each x plane once per
///                   output channel, where one item per weight reads it once per tap: for thin
///                   layers (one input or one output channel) at 28x28.
/// Every kernel is one work-item per element it writes, guarded; no atomics, deterministic.
/// Fusions (ConvShape.Upsampled, ConvEpilogue, ConvGate): a kernel that reads the input can read
/// it as the x2 upsampling of planes stored at half the size; the forward kernels add the bias
/// and apply the activation as they write; the backward-data kernels write an upsampled input's
/// gradient summed down to the stored planes (each of the four sums whole, added in the order
/// the upsample's backward adds them) and do the backward pass of a ReLU below. Each gives the
/// numbers of the separate launches bit for bit.
/// </summary>
public static class ConvKernels
{
    // ---- direct ----------------------------------------------------------------------------

    /// <summary>y[n, o, oy, ox] = sum_{c, kh, kw} x[n, c, oy s - p + kh, ox s - p + kw] w[o, c, kh, kw].</summary>
    public static void DirectForward(ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, ConvShape g, ConvEpilogue epilogue)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= g.Batch * g.OutChannels * g.OutHeight * g.OutWidth) return;
        int ox = i % g.OutWidth, oy = (i / g.OutWidth) % g.OutHeight;
        int o = (i / (g.OutWidth * g.OutHeight)) % g.OutChannels, n = i / (g.OutWidth * g.OutHeight * g.OutChannels);
        int plane = StoredPlane(g), taps = g.Kernel * g.Kernel;
        float sum = 0.0f;
        // Taps inside the input first (they do not depend on the channel), then the channel loop without tests.
        for (int kh = 0; kh < g.Kernel; kh++)
        {
            int iy = oy * g.Stride - g.Padding + kh;
            if (iy < 0 || iy >= g.Height) continue;
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                int ix = ox * g.Stride - g.Padding + kw;
                if (ix < 0 || ix >= g.Width) continue;
                int xAt = InputRow(g, n, 0, iy) + InputColumn(g, ix), wAt = (o * g.Channels * g.Kernel + kh) * g.Kernel + kw;
                for (int c = 0; c < g.Channels; c++) sum = sum + x[xAt + c * plane] * w[wAt + c * taps];
            }
        }
        y[i] = epilogue.Apply(sum, o);
    }

    /// <summary>dx[n, c, iy, ix] = sum over the outputs whose window covers (iy, ix): one item per stored input element.</summary>
    public static void DirectBackwardData(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> dx, ConvShape g, ConvGate gate)
    {
        int i = Grid.GlobalIndex.X;
        int plane = StoredPlane(g), width = g.Upsampled != 0 ? g.Width >> 1 : g.Width;
        if (i >= g.Batch * g.Channels * plane) return;
        int ix = i % width, iy = (i / width) % (plane / width), c = (i / plane) % g.Channels, n = i / (plane * g.Channels);
        float sum = g.Upsampled == 0 ? DataSum(dy, w, g, n, c, iy, ix)
            : DataSum(dy, w, g, n, c, 2 * iy, 2 * ix) + DataSum(dy, w, g, n, c, 2 * iy, 2 * ix + 1)
              + DataSum(dy, w, g, n, c, 2 * iy + 1, 2 * ix) + DataSum(dy, w, g, n, c, 2 * iy + 1, 2 * ix + 1);
        dx[i] = gate.Apply(sum, i);
    }

    /// <summary>The gradient at input pixel (iy, ix) of the conv's input planes.</summary>
    private static float DataSum(ArrayView<float> dy, ArrayView<float> w, ConvShape g, int n, int c, int iy, int ix)
    {
        int outPixels = g.OutHeight * g.OutWidth, weightStride = g.Channels * g.Kernel * g.Kernel;
        float sum = 0.0f;
        for (int kh = 0; kh < g.Kernel; kh++)
        {
            int oy = OutputAt(iy + g.Padding - kh, g.Stride, g.OutHeight);
            if (oy < 0) continue;
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                int ox = OutputAt(ix + g.Padding - kw, g.Stride, g.OutWidth);
                if (ox < 0) continue;
                int yAt = n * g.OutChannels * outPixels + oy * g.OutWidth + ox, wAt = (c * g.Kernel + kh) * g.Kernel + kw;
                for (int o = 0; o < g.OutChannels; o++) sum = sum + dy[yAt + o * outPixels] * w[wAt + o * weightStride];
            }
        }
        return sum;
    }

    /// <summary>dw[o, c, kh, kw] = sum over samples [first, first + count) of dy x: one item per weight.</summary>
    public static void DirectWeights(ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dw, ConvShape g)
    {
        int i = Grid.GlobalIndex.X;
        int weights = g.OutChannels * g.Channels * g.Kernel * g.Kernel;
        if (i >= weights) return;
        dw[i] = WeightSum(x, dy, g, i, 0, g.Batch);
    }

    /// <summary>partial[slice, weight] = the weight's gradient over the slice's samples: one item per (slice, weight).</summary>
    public static void DirectWeightsPartial(ArrayView<float> x, ArrayView<float> dy, ArrayView<float> partial, ConvShape g, int samplesPerSlice)
    {
        int item = Grid.GlobalIndex.X;
        int weights = g.OutChannels * g.Channels * g.Kernel * g.Kernel;
        int slices = (g.Batch + samplesPerSlice - 1) / samplesPerSlice;
        if (item >= slices * weights) return;
        int slice = item / weights, i = item - slice * weights;
        int first = slice * samplesPerSlice, last = first + samplesPerSlice < g.Batch ? first + samplesPerSlice : g.Batch;
        partial[item] = WeightSum(x, dy, g, i, first, last);
    }

    private static float WeightSum(ArrayView<float> x, ArrayView<float> dy, ConvShape g, int i, int first, int last)
    {
        int kw = i % g.Kernel, kh = (i / g.Kernel) % g.Kernel, c = (i / (g.Kernel * g.Kernel)) % g.Channels, o = i / (g.Kernel * g.Kernel * g.Channels);
        // Output rows/columns whose tap (kh, kw) lands inside the input: [y0, y1) x [x0, x1).
        int lastY = g.Height - 1 + g.Padding - kh, lastX = g.Width - 1 + g.Padding - kw;
        int y0 = Math.Max(0, (g.Padding - kh + g.Stride - 1) / g.Stride), y1 = lastY < 0 ? 0 : Math.Min(g.OutHeight, lastY / g.Stride + 1);
        int x0 = Math.Max(0, (g.Padding - kw + g.Stride - 1) / g.Stride), x1 = lastX < 0 ? 0 : Math.Min(g.OutWidth, lastX / g.Stride + 1);
        float sum = 0.0f;
        for (int n = first; n < last; n++)
        {
            int yPlane = (n * g.OutChannels + o) * g.OutHeight;
            for (int oy = y0; oy < y1; oy++)
            {
                int xRow = InputRow(g, n, c, oy * g.Stride - g.Padding + kh);
                for (int ox = x0; ox < x1; ox++)
                    sum = sum + dy[(yPlane + oy) * g.OutWidth + ox] * x[xRow + InputColumn(g, ox * g.Stride - g.Padding + kw)];
            }
        }
        return sum;
    }

    /// <summary>Taps a PlaneWeights item keeps in registers: kernels up to 3x3.</summary>
    public const int PlaneTaps = 9;

    /// <summary>
    /// partial[slice, o, c, kh, kw] = the gradient of weight (o, c, kh, kw) over the slice's
    /// samples: one group of GroupReduce.Size items per (slice, o, c), group index
    /// (slice OC + o) C + c; kernels up to 3x3 (the launcher sends larger ones elsewhere).
    /// </summary>
    public static void PlaneWeights(ArrayView<float> x, ArrayView<float> dy, ArrayView<float> partial, ConvShape g, int samplesPerSlice)
    {
        var sums = SharedMemory.Allocate<float>(PlaneTaps * GroupReduce.Size);
        int pairs = g.OutChannels * g.Channels, slice = Grid.IdxX / pairs, pair = Grid.IdxX - slice * pairs;
        int o = pair / g.Channels, c = pair - o * g.Channels, lid = Group.IdxX;
        int first = slice * samplesPerSlice, count = Math.Min(samplesPerSlice, g.Batch - first), outPixels = g.OutHeight * g.OutWidth;
        float s00 = 0.0f, s01 = 0.0f, s02 = 0.0f, s10 = 0.0f, s11 = 0.0f, s12 = 0.0f, s20 = 0.0f, s21 = 0.0f, s22 = 0.0f;
        for (int j = lid; j < count * outPixels; j += GroupReduce.Size)
        {
            int n = first + j / outPixels, q = j % outPixels;
            int iy = (q / g.OutWidth) * g.Stride - g.Padding, ix = (q % g.OutWidth) * g.Stride - g.Padding;
            float d = dy[(n * g.OutChannels + o) * outPixels + q];
            s00 = s00 + Tap(x, g, n, c, iy, ix, d); s01 = s01 + Tap(x, g, n, c, iy, ix + 1, d); s02 = s02 + Tap(x, g, n, c, iy, ix + 2, d);
            s10 = s10 + Tap(x, g, n, c, iy + 1, ix, d); s11 = s11 + Tap(x, g, n, c, iy + 1, ix + 1, d); s12 = s12 + Tap(x, g, n, c, iy + 1, ix + 2, d);
            s20 = s20 + Tap(x, g, n, c, iy + 2, ix, d); s21 = s21 + Tap(x, g, n, c, iy + 2, ix + 1, d); s22 = s22 + Tap(x, g, n, c, iy + 2, ix + 2, d);
        }
        const int size = GroupReduce.Size;
        sums[lid] = s00; sums[size + lid] = s01; sums[2 * size + lid] = s02;
        sums[3 * size + lid] = s10; sums[4 * size + lid] = s11; sums[5 * size + lid] = s12;
        sums[6 * size + lid] = s20; sums[7 * size + lid] = s21; sums[8 * size + lid] = s22;
        Group.Barrier();
        for (int stride = size / 2; stride > 0; stride >>= 1)
        {
            if (lid < stride)
                for (int t = 0; t < PlaneTaps; t++) sums[t * size + lid] = sums[t * size + lid] + sums[t * size + lid + stride];
            Group.Barrier();
        }
        if (lid < g.Kernel * g.Kernel)
        {
            int kh = lid / g.Kernel, kw = lid - kh * g.Kernel;
            partial[(slice * pairs + pair) * g.Kernel * g.Kernel + lid] = sums[(kh * 3 + kw) * size];
        }
    }

    /// <summary>d x[n, c, iy, ix] where (iy, ix) lies inside the conv's input planes (an upsampled input read through), else 0.</summary>
    private static float Tap(ArrayView<float> x, ConvShape g, int n, int c, int iy, int ix, float d) =>
        iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width ? d * Input(x, g, n, c, iy, ix) : 0.0f;

    /// <summary>dw[i] = (accumulate ? dw[i] : 0) + sum over slices of partial[slice, i], slices in order.</summary>
    public static void SumPartials(ArrayView<float> partial, ArrayView<float> dw, int slices, int count, int accumulate)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= count) return;
        float sum = accumulate != 0 ? dw[i] : 0.0f;
        for (int q = 0; q < slices; q++) sum = sum + partial[q * count + i];
        dw[i] = sum;
    }

    /// <summary>
    /// The output row (or column) whose window puts kernel tap offset t = i + p - k on input i:
    /// t / stride when t is a non-negative multiple of the stride below limit, else -1. Strides
    /// 1 and 2 (every seed model's) avoid integer division, which cost more than the arithmetic
    /// in the gather kernels on an H200 (a 64->1 layer's backward data took 0.55 ms at batch 128).
    /// </summary>
    private static int OutputAt(int t, int stride, int limit)
    {
        if (t < 0) return -1;
        int o = stride == 1 ? t : stride == 2 ? ((t & 1) == 0 ? t >> 1 : -1) : (t % stride == 0 ? t / stride : -1);
        return o < limit ? o : -1;
    }

    /// <summary>Floats per stored input plane: the conv's input plane, or a quarter of it when the input is read as an upsampling.</summary>
    public static int StoredPlane(ConvShape g) => g.Upsampled != 0 ? (g.Height >> 1) * (g.Width >> 1) : g.Height * g.Width;

    /// <summary>Where row iy of the conv's input plane (n, c) starts in x (an upsampled input's row iy is stored row iy / 2).</summary>
    private static int InputRow(ConvShape g, int n, int c, int iy) =>
        g.Upsampled != 0 ? ((n * g.Channels + c) * (g.Height >> 1) + (iy >> 1)) * (g.Width >> 1) : ((n * g.Channels + c) * g.Height + iy) * g.Width;

    /// <summary>The conv's input at (n, c, iy, ix), inside the planes.</summary>
    public static float Input(ArrayView<float> x, ConvShape g, int n, int c, int iy, int ix) => x[InputRow(g, n, c, iy) + InputColumn(g, ix)];

    /// <summary>Column ix of the conv's input plane in its stored row.</summary>
    private static int InputColumn(ConvShape g, int ix) => g.Upsampled != 0 ? ix >> 1 : ix;

    // ---- im2col ----------------------------------------------------------------------------
    // A chunk is samples [first, first + count); its columns are j = (n - first) OH OW + oy OW + ox.

    /// <summary>cols[(c k + kh) k + kw, j] = x[first + j / (OH OW), c, oy s - p + kh, ox s - p + kw], zero outside.</summary>
    public static void Im2col(ArrayView<float> x, ArrayView<float> cols, ConvShape g, int first, int count)
    {
        int i = Grid.GlobalIndex.X;
        int pixels = g.OutHeight * g.OutWidth, columns = count * pixels;
        if (i >= g.Channels * g.Kernel * g.Kernel * columns) return;
        int j = i % columns, row = i / columns;
        int kw = row % g.Kernel, kh = (row / g.Kernel) % g.Kernel, c = row / (g.Kernel * g.Kernel);
        int pixel = j % pixels, n = first + j / pixels;
        int iy = (pixel / g.OutWidth) * g.Stride - g.Padding + kh, ix = (pixel % g.OutWidth) * g.Stride - g.Padding + kw;
        bool inside = iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width;
        cols[i] = inside ? Input(x, g, n, c, iy, ix) : 0.0f;
    }

    /// <summary>dx[first + n, c, iy, ix] = sum of the columns im2col copied (iy, ix) into: the adjoint, as a gather (one item per stored input element).</summary>
    public static void Col2im(ArrayView<float> cols, ArrayView<float> dx, ConvShape g, int first, int count, ConvGate gate)
    {
        int i = Grid.GlobalIndex.X;
        int plane = StoredPlane(g), width = g.Upsampled != 0 ? g.Width >> 1 : g.Width;
        if (i >= count * g.Channels * plane) return;
        int ix = i % width, iy = (i / width) % (plane / width), c = (i / plane) % g.Channels, n = i / (plane * g.Channels);
        float sum = g.Upsampled == 0 ? ColumnSum(cols, g, count, n, c, iy, ix)
            : ColumnSum(cols, g, count, n, c, 2 * iy, 2 * ix) + ColumnSum(cols, g, count, n, c, 2 * iy, 2 * ix + 1)
              + ColumnSum(cols, g, count, n, c, 2 * iy + 1, 2 * ix) + ColumnSum(cols, g, count, n, c, 2 * iy + 1, 2 * ix + 1);
        int at = first * g.Channels * plane + i;
        dx[at] = gate.Apply(sum, at);
    }

    /// <summary>The sum of the chunk's columns that hold input pixel (iy, ix) of sample n's plane c.</summary>
    private static float ColumnSum(ArrayView<float> cols, ConvShape g, int count, int n, int c, int iy, int ix)
    {
        int pixels = g.OutHeight * g.OutWidth, columns = count * pixels;
        float sum = 0.0f;
        for (int kh = 0; kh < g.Kernel; kh++)
        {
            int oy = OutputAt(iy + g.Padding - kh, g.Stride, g.OutHeight);
            if (oy < 0) continue;
            for (int kw = 0; kw < g.Kernel; kw++)
            {
                int ox = OutputAt(ix + g.Padding - kw, g.Stride, g.OutWidth);
                if (ox >= 0) sum = sum + cols[((c * g.Kernel + kh) * g.Kernel + kw) * columns + n * pixels + oy * g.OutWidth + ox];
            }
        }
        return sum;
    }

    /// <summary>nchw[first + n, o, q] = f(chunk[o, n pixels + q] + bias[o]): the GEMM's channel-major result back into NCHW, through the epilogue.</summary>
    public static void ChunkToNchw(ArrayView<float> chunk, ArrayView<float> nchw, int first, int count, int planes, int pixels, ConvEpilogue epilogue)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= count * planes * pixels) return;
        int q = i % pixels, o = (i / pixels) % planes, n = i / (pixels * planes);
        nchw[first * planes * pixels + i] = epilogue.Apply(chunk[(o * count + n) * pixels + q], o);
    }

    /// <summary>chunk[o, n pixels + q] = nchw[first + n, o, q]: output gradients as the GEMMs' channel-major operand.</summary>
    public static void NchwToChunk(ArrayView<float> nchw, ArrayView<float> chunk, int first, int count, int planes, int pixels)
    {
        int i = Grid.GlobalIndex.X;
        if (i >= count * planes * pixels) return;
        int q = i % pixels, n = (i / pixels) % count, o = i / (pixels * count);
        chunk[i] = nchw[((first + n) * planes + o) * pixels + q];
    }
}

/// <summary>
/// Implicit-GEMM forward convolution, one launch for the whole batch: y[n, o, q] = sum_p
/// W[o, p] cols[p, n OP + q], with cols gathered from x on the fly. The tiling and the 4x4
/// register block of GemmKernels.RegisterBlocked; grid (ceil(batch OP / BlockN), ceil(OC / BlockM)).
/// </summary>
public static class ImplicitGemmKernels
{
    public static void Forward<TTiling>(ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, ConvShape g, ConvEpilogue epilogue)
        where TTiling : struct, GpuAE.Kernels.Gemm.IGemmTiling
    {
        var at = SharedMemory.Allocate<float>(TTiling.BlockK * TTiling.BlockM);
        var bt = SharedMemory.Allocate<float>(TTiling.BlockK * TTiling.BlockN);
        int rm = TTiling.BlockM / 4, rn = TTiling.BlockN / 4, threads = rm * rn;
        int tx = Group.IdxX, ty = Group.IdxY, tid = ty * rn + tx;
        int taps = g.Kernel * g.Kernel, depth = g.Channels * taps, outPixels = g.OutHeight * g.OutWidth;
        int m = g.OutChannels, n = g.Batch * outPixels;
        int i0 = Grid.IdxY * TTiling.BlockM, j0 = Grid.IdxX * TTiling.BlockN;
        var acc = default(GpuAE.Kernels.Gemm.Accumulator4x4);
        for (int t = 0; t < depth; t += TTiling.BlockK)
        {
            for (int l = tid; l < TTiling.BlockM * TTiling.BlockK; l += threads)
            {
                int ii = l / TTiling.BlockK, pp = l % TTiling.BlockK, i = i0 + ii, p = t + pp;
                at[pp * TTiling.BlockM + ii] = i < m && p < depth ? w[i * depth + p] : 0.0f;
            }
            for (int l = tid; l < TTiling.BlockK * TTiling.BlockN; l += threads)
            {
                int jj = l % TTiling.BlockN, pp = l / TTiling.BlockN, j = j0 + jj, p = t + pp;
                float v = 0.0f;
                if (j < n && p < depth)
                {
                    int sample = j / outPixels, q = j - sample * outPixels;
                    int c = p / taps, tap = p - c * taps, kh = tap / g.Kernel, kw = tap - kh * g.Kernel;
                    int iy = (q / g.OutWidth) * g.Stride - g.Padding + kh, ix = (q % g.OutWidth) * g.Stride - g.Padding + kw;
                    if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width) v = ConvKernels.Input(x, g, sample, c, iy, ix);
                }
                bt[pp * TTiling.BlockN + jj] = v;
            }
            Group.Barrier();
            for (int q = 0; q < TTiling.BlockK; q++)
            {
                int ar = q * TTiling.BlockM + ty, br = q * TTiling.BlockN + tx;
                acc.Add(at[ar], at[ar + rm], at[ar + 2 * rm], at[ar + 3 * rm], bt[br], bt[br + rn], bt[br + 2 * rn], bt[br + 3 * rn]);
            }
            Group.Barrier();
        }
        for (int r = 0; r < 4; r++)
        for (int s = 0; s < 4; s++)
        {
            int o = i0 + ty + r * rm, j = j0 + tx + s * rn;
            if (o >= m || j >= n) continue;
            int sample = j / outPixels, q = j - sample * outPixels;
            y[(sample * m + o) * outPixels + q] = epilogue.Apply(acc.Get(r, s), o);
        }
    }
}

/// <summary>
/// A convolution's sizes as a kernel argument (Conv2dGeometry with the output size precomputed).
/// Upsampled (0 or 1): the input planes (Height x Width, both even) are the x2 upsampling of the
/// planes stored in x, which are half as high and half as wide.
/// </summary>
public readonly record struct ConvShape(int Batch, int Channels, int Height, int Width, int OutChannels, int Kernel, int Stride, int Padding, int OutHeight, int OutWidth,
    int Upsampled)
{
    public static ConvShape Of(in Conv2dGeometry g, bool upsampledInput = false) =>
        new(g.Batch, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Kernel, g.Stride, g.Padding, g.OutHeight, g.OutWidth, upsampledInput ? 1 : 0);
}

/// <summary>What a forward launch does with each sum it writes: adds its channel's bias (HasBias != 0) and applies an activation (an ActivationKind number; Identity: none).</summary>
public struct ConvEpilogue
{
    public ArrayView<float> Bias;
    public int HasBias, Activation;
    public float Alpha;

    /// <summary>f(sum + bias[channel]): the numbers of AddChannelBias (or ActivationForward) after the conv.</summary>
    public readonly float Apply(float sum, int channel) => ElementwiseKernels.Activate(Activation, Alpha, HasBias != 0 ? sum + Bias[channel] : sum);
}

/// <summary>A backward-data launch's gate (Gated != 0): the output of the ReLU right below the conv, whose backward pass the launch does as it writes.</summary>
public struct ConvGate
{
    public ArrayView<float> Output;
    public int Gated;

    /// <summary>The gradient at stored input element i through the ReLU: the numbers of ActivationBackward (or a gated UpsampleBackward).</summary>
    public readonly float Apply(float gradient, int i) => Gated != 0 ? ElementwiseKernels.Derivative((int)ActivationKind.Relu, 0.0f, Output[i], gradient) : gradient;
}
