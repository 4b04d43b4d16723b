// 2-D convolution over NCHW tensors (geometry as Conv2dGeometry.cs: square kernel k, stride s,
// zero padding p; weights [OC, C, k, k]) in two numbered variants (llm.c style):
//   1 direct: one work-item per output element, a loop over its receptive field; backward
//     data is a gather per input pixel, backward weights one work-item per weight summing over
//     the batch. No scratch, no atomics.
//   2 im2col: a chunk of nb samples is lowered to a column matrix cols [C k k, nb OH OW] and
//     multiplied by the GEMM kernels of gemm.cl (the host chains the launches); the helpers here
//     move data between NCHW and the chunk's channel-major [OC, nb OH OW] layout, and col2im
//     gathers per input pixel (no atomics). Backward weights is one GEMM over the chunk's
//     columns, accumulated over chunks with beta = 1: no float atomics anywhere.
// Every kernel is one work-item per element it writes, global size rounded up, guarded.
#include "common.h"

// ---- 1: direct ----------------------------------------------------------------------------

// y[n, o, oy, ox] = sum_{c, kh, kw} x[n, c, oy s - p + kh, ox s - p + kw] w[o, c, kh, kw].
__kernel void conv2d_direct_forward(__global const float* x, __global const float* w, __global float* y,
    int batch, int channels, int height, int width, int outChannels, int k, int s, int p, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    if (i >= batch * outChannels * outHeight * outWidth) return;
    const int ox = i % outWidth, oy = (i / outWidth) % outHeight;
    const int o = (i / (outWidth * outHeight)) % outChannels, n = i / (outWidth * outHeight * outChannels);
    // Taps inside the input first (they do not depend on the channel), then the channel loop without tests.
    const int pixels = height * width;
    float sum = 0.0f;
    for (int kh = 0; kh < k; kh++)
    {
        const int iy = oy * s - p + kh;
        if (iy < 0 || iy >= height) continue;
        for (int kw = 0; kw < k; kw++)
        {
            const int ix = ox * s - p + kw;
            if (ix < 0 || ix >= width) continue;
            const int xAt = n * channels * pixels + iy * width + ix, wAt = (o * channels * k + kh) * k + kw;
            for (int c = 0; c < channels; c++) sum = sum + x[xAt + c * pixels] * w[wAt + c * k * k];
        }
    }
    y[i] = sum;
}

// dx[n, c, iy, ix] = sum over the outputs whose window covers (iy, ix): oy s - p + kh = iy.
// The taps that reach (iy, ix) do not depend on the output channel, so they are found once and
// the channel loop inside runs without a test (or an integer division) per product.
__kernel void conv2d_direct_backward_data(__global const float* dy, __global const float* w, __global float* dx,
    int batch, int channels, int height, int width, int outChannels, int k, int s, int p, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    if (i >= batch * channels * height * width) return;
    const int ix = i % width, iy = (i / width) % height;
    const int c = (i / (width * height)) % channels, n = i / (width * height * channels);
    const int outPixels = outHeight * outWidth, weightStride = channels * k * k;
    float sum = 0.0f;
    for (int kh = 0; kh < k; kh++)
    {
        const int ty = iy + p - kh;
        if (ty < 0 || ty % s != 0 || ty / s >= outHeight) continue;
        for (int kw = 0; kw < k; kw++)
        {
            const int tx = ix + p - kw;
            if (tx < 0 || tx % s != 0 || tx / s >= outWidth) continue;
            const int yAt = n * outChannels * outPixels + (ty / s) * outWidth + tx / s, wAt = (c * k + kh) * k + kw;
            for (int o = 0; o < outChannels; o++) sum = sum + dy[yAt + o * outPixels] * w[wAt + o * weightStride];
        }
    }
    dx[i] = sum;
}

// dw[o, c, kh, kw] = sum_{n, oy, ox} dy[n, o, oy, ox] x[n, c, oy s - p + kh, ox s - p + kw].
__kernel void conv2d_direct_backward_weights(__global const float* x, __global const float* dy, __global float* dw,
    int batch, int channels, int height, int width, int outChannels, int k, int s, int p, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    if (i >= outChannels * channels * k * k) return;
    const int kw = i % k, kh = (i / k) % k, c = (i / (k * k)) % channels, o = i / (k * k * channels);
    // Output rows/columns whose tap (kh, kw) lands inside the input: [y0, y1) x [x0, x1).
    // (The last tap row is height - 1 + p - kh, negative when the tap only ever sees padding.)
    const int lastY = height - 1 + p - kh, lastX = width - 1 + p - kw;
    const int y0 = max(0, (p - kh + s - 1) / s), y1 = lastY < 0 ? 0 : min(outHeight, lastY / s + 1);
    const int x0 = max(0, (p - kw + s - 1) / s), x1 = lastX < 0 ? 0 : min(outWidth, lastX / s + 1);
    float sum = 0.0f;
    for (int n = 0; n < batch; n++)
    {
        const int xPlane = (n * channels + c) * height, yPlane = (n * outChannels + o) * outHeight;
        for (int oy = y0; oy < y1; oy++)
        {
            const int iy = oy * s - p + kh;
            for (int ox = x0; ox < x1; ox++) sum = sum + dy[(yPlane + oy) * outWidth + ox] * x[(xPlane + iy) * width + ox * s - p + kw];
        }
    }
    dw[i] = sum;
}

// ---- 2: im2col + GEMM -----------------------------------------------------------------------
// A chunk is samples [first, first + count); its columns are j = (n - first) OH OW + oy OW + ox.

// cols[(c k + kh) k + kw, j] = x[first + j / (OH OW), c, oy s - p + kh, ox s - p + kw], zero outside.
__kernel void conv2d_im2col(__global const float* x, __global float* cols, int first, int count,
    int channels, int height, int width, int k, int s, int p, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    const int pixels = outHeight * outWidth, columns = count * pixels;
    if (i >= channels * k * k * columns) return;
    const int j = i % columns, row = i / columns;
    const int kw = row % k, kh = (row / k) % k, c = row / (k * k);
    const int pixel = j % pixels, n = first + j / pixels;
    const int iy = (pixel / outWidth) * s - p + kh, ix = (pixel % outWidth) * s - p + kw;
    const int inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
    cols[i] = inside ? x[((n * channels + c) * height + iy) * width + ix] : 0.0f;
}

// dx[first + n, c, iy, ix] = sum of the columns im2col copied (iy, ix) into: the adjoint, as a gather.
__kernel void conv2d_col2im(__global const float* cols, __global float* dx, int first, int count,
    int channels, int height, int width, int k, int s, int p, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    if (i >= count * channels * height * width) return;
    const int pixels = outHeight * outWidth, columns = count * pixels;
    const int ix = i % width, iy = (i / width) % height;
    const int c = (i / (width * height)) % channels, n = i / (width * height * channels);
    float sum = 0.0f;
    for (int kh = 0; kh < k; kh++)
    {
        const int ty = iy + p - kh;
        if (ty < 0 || ty % s != 0 || ty / s >= outHeight) continue;
        for (int kw = 0; kw < k; kw++)
        {
            const int tx = ix + p - kw;
            if (tx >= 0 && tx % s == 0 && tx / s < outWidth)
                sum = sum + cols[((c * k + kh) * k + kw) * columns + n * pixels + (ty / s) * outWidth + tx / s];
        }
    }
    dx[first * channels * height * width + i] = sum;
}

// nchw[first + n, o, q] = chunk[o, n pixels + q]: the GEMM's channel-major result back into NCHW.
__kernel void conv2d_chunk_to_nchw(__global const float* chunk, __global float* nchw, int first, int count, int planes, int pixels)
{
    const int i = (int)get_global_id(0);
    if (i >= count * planes * pixels) return;
    const int q = i % pixels, o = (i / pixels) % planes, n = i / (pixels * planes);
    nchw[first * planes * pixels + i] = chunk[(o * count + n) * pixels + q];
}

// chunk[o, n pixels + q] = nchw[first + n, o, q]: output gradients as the GEMMs' channel-major operand.
__kernel void conv2d_nchw_to_chunk(__global const float* nchw, __global float* chunk, int first, int count, int planes, int pixels)
{
    const int i = (int)get_global_id(0);
    if (i >= count * planes * pixels) return;
    const int q = i % pixels, n = (i / pixels) % count, o = i / (pixels * count);
    chunk[i] = nchw[((first + n) * planes + o) * pixels + q];
}

// dw[i] = (accumulate ? dw[i] : 0) + sum over the slices of partial[slice, i], slices in order:
// the deterministic second stage of the split-K weight gradient (one partial GEMM per slice of samples).
__kernel void conv2d_sum_partials(__global const float* partial, __global float* dw, int slices, int count, int accumulate)
{
    const int i = (int)get_global_id(0);
    if (i >= count) return;
    float sum = accumulate ? dw[i] : 0.0f;
    for (int q = 0; q < slices; q++) sum = sum + partial[q * count + i];
    dw[i] = sum;
}
