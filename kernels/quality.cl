// ImageQuality: per-image MSE and mean SSIM over the valid 11x11 Gaussian windows (sigma 1.5,
// K1 0.01, K2 0.03, range 1), as CpuImageQuality.cs. One work-group of REDUCE_WG items per
// image; each item takes every REDUCE_WG-th window, then a tree sum. Float arithmetic; the
// window statistics are computed about the window means (two passes) to avoid cancellation.
#include "common.h"

#define SSIM_WINDOW 11
#define SSIM_C1 0.0001f
#define SSIM_C2 0.0009f

DEVICE_FN void gaussian_weights(float* w)
{
    float sum = 0.0f;
    for (int i = 0; i < SSIM_WINDOW; i++)
    {
        const float d = (float)(i - SSIM_WINDOW / 2);
        w[i] = exp(-d * d / 4.5f);
        sum = sum + w[i];
    }
    for (int i = 0; i < SSIM_WINDOW; i++) w[i] = w[i] / sum;
}

DEVICE_FN float window_ssim(__global const float* x, __global const float* y, int width, int r, int c, const float* g)
{
    float mx = 0.0f, my = 0.0f;
    for (int i = 0; i < SSIM_WINDOW; i++)
    for (int j = 0; j < SSIM_WINDOW; j++)
    {
        const float w = g[i] * g[j];
        const int at = (r + i) * width + c + j;
        mx = mx + w * x[at];
        my = my + w * y[at];
    }
    float vx = 0.0f, vy = 0.0f, cxy = 0.0f;
    for (int i = 0; i < SSIM_WINDOW; i++)
    for (int j = 0; j < SSIM_WINDOW; j++)
    {
        const float w = g[i] * g[j];
        const int at = (r + i) * width + c + j;
        const float a = x[at] - mx, b = y[at] - my;
        vx = vx + w * a * a;
        vy = vy + w * b * b;
        cxy = cxy + w * a * b;
    }
    return (2.0f * mx * my + SSIM_C1) * (2.0f * cxy + SSIM_C2) / ((mx * mx + my * my + SSIM_C1) * (vx + vy + SSIM_C2));
}

__kernel void image_quality(__global const float* reference, __global const float* test, int height, int width,
    __global float* mse, __global float* ssim)
{
    __local float scratch[REDUCE_WG];
    const int image = (int)get_group_id(0), lid = (int)get_local_id(0);
    const int pixels = height * width;
    __global const float* x = reference + (size_t)image * pixels;
    __global const float* y = test + (size_t)image * pixels;

    float squares = 0.0f;
    for (int p = lid; p < pixels; p += REDUCE_WG)
    {
        const float d = x[p] - y[p];
        squares = squares + d * d;
    }
    squares = group_sum(scratch, squares);

    float g[SSIM_WINDOW];
    gaussian_weights(g);
    const int outH = height - SSIM_WINDOW + 1, outW = width - SSIM_WINDOW + 1;
    float total = 0.0f;
    for (int wi = lid; wi < outH * outW; wi += REDUCE_WG)
        total = total + window_ssim(x, y, width, wi / outW, wi % outW, g);
    total = group_sum(scratch, total);
    if (lid == 0)
    {
        mse[image] = squares / (float)pixels;
        ssim[image] = total / (float)(outH * outW);
    }
}
