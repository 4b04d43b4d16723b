// Per-channel bias and its gradient, 2x2 max-pooling and x2 nearest upsampling over NCHW
// planes. Semantics are those of Accelerator.Conv.cs; CpuAccelerator.Spatial.cs is the reference.
// Backward passes are gathers (each input pixel reads the outputs it fed): no atomics.
#include "common.h"

// y[n, c, q] += bias[c]; one work-item per element.
__kernel void add_channel_bias(__global float* y, __global const float* bias, int total, int channels, int pixels)
{
    const int i = (int)get_global_id(0);
    if (i < total) y[i] = y[i] + bias[(i / pixels) % channels];
}

// sums[c] = sum_{n, q} x[n, c, q] + beta sums[c]: one work-group of REDUCE_WG items per channel,
// a fixed stride per item, then a tree sum. Deterministic, no atomics.
__kernel void sum_channels(__global const float* x, __global float* sums, int batch, int channels, int pixels, float beta)
{
    __local float scratch[REDUCE_WG];
    const int c = (int)get_group_id(0), lid = (int)get_local_id(0);
    float sum = 0.0f;
    for (int j = lid; j < batch * pixels; j += REDUCE_WG) sum = sum + x[((j / pixels) * channels + c) * pixels + j % pixels];
    sum = group_sum(scratch, sum);
    if (lid == 0) sums[c] = sum + (beta == 0.0f ? 0.0f : beta * sums[c]);
}

// 2x2 stride-2 max-pool; one work-item per output. indices = row * width + column within the
// plane, as a float. The scan order (row by row) and the comparison (strictly greater) are the
// CPU's: the first maximum wins, and a NaN is kept only when it comes first in its window.
__kernel void maxpool2d_forward(__global const float* x, __global float* y, __global float* indices,
    int planes, int height, int width, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    if (i >= planes * outHeight * outWidth) return;
    const int ox = i % outWidth, oy = (i / outWidth) % outHeight, plane = i / (outWidth * outHeight);
    const int base = plane * height * width;
    int best = -1;
    float top = -INFINITY;
    for (int dy = 0; dy < 2; dy++)
    for (int dx = 0; dx < 2; dx++)
    {
        const int iy = 2 * oy + dy, ix = 2 * ox + dx;
        if (iy >= height || ix >= width) continue;
        const float v = x[base + iy * width + ix];
        if (best < 0 || v > top) { top = v; best = iy * width + ix; }
    }
    y[i] = top;
    indices[i] = (float)best;
}

// dx[plane, iy, ix] = dy of its window if the window's saved argmax is (iy, ix), else 0. Windows
// do not overlap, so each input pixel has at most one: a gather. "0 + dy" as the CPU's
// clear-then-add, so a -0 gradient comes out as +0 there too.
__kernel void maxpool2d_backward(__global const float* dy, __global const float* indices, __global float* dx,
    int planes, int height, int width, int outHeight, int outWidth)
{
    const int i = (int)get_global_id(0);
    if (i >= planes * height * width) return;
    const int ix = i % width, iy = (i / width) % height, plane = i / (width * height);
    const int oy = iy / 2, ox = ix / 2;
    float g = 0.0f;
    if (oy < outHeight && ox < outWidth)
    {
        const int o = (plane * outHeight + oy) * outWidth + ox;
        if ((int)indices[o] == iy * width + ix) g = 0.0f + dy[o];
    }
    dx[i] = g;
}

// y[plane, Y, X] = x[plane, Y / 2, X / 2]; one work-item per output.
__kernel void upsample2d_forward(__global const float* x, __global float* y, int planes, int height, int width)
{
    const int i = (int)get_global_id(0);
    if (i >= planes * 4 * height * width) return;
    const int x2 = i % (2 * width), y2 = (i / (2 * width)) % (2 * height), plane = i / (4 * height * width);
    y[i] = x[(plane * height + y2 / 2) * width + x2 / 2];
}

// dx[plane, iy, ix] = the 2x2 block it was copied to, summed in the CPU's order.
__kernel void upsample2d_backward(__global const float* dy, __global float* dx, int planes, int height, int width)
{
    const int i = (int)get_global_id(0);
    if (i >= planes * height * width) return;
    const int ix = i % width, iy = (i / width) % height, plane = i / (width * height);
    const int top = (plane * 2 * height + 2 * iy) * 2 * width + 2 * ix, bottom = top + 2 * width;
    dx[i] = dy[top] + dy[top + 1] + dy[bottom] + dy[bottom + 1];
}
