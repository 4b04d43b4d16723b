// Batch normalisation over [batch, channels, pixels] and inverted dropout. Semantics are those
// of Accelerator.Conv.cs; CpuAccelerator.Normalization.cs is the reference. Per-channel
// statistics: one work-group of REDUCE_WG items per channel, compensated (Kahan) sums over a
// fixed stride per item, then a deterministic tree sum (the CPU sums in float64).
#include "common.h"
#include "random.cl"

// x[n, c, q] for the j-th of a channel's batch x pixels elements.
#define CHANNEL_AT(j) ((((j) / pixels) * channels + c) * pixels + (j) % pixels)

DEVICE_FN void kahan_add(float* sum, float* compensation, float value)
{
    const float y = value - *compensation;
    const float t = *sum + y;
    *compensation = (t - *sum) - y;
    *sum = t;
}

// Training mode: batch mean and biased variance (two passes), saved mean and 1/sqrt(var + eps),
// running statistics r = (1 - momentum) r + momentum s (unbiased variance), then
// y = x scale + shift with scale = gamma invStd, shift = beta - mean scale, as the CPU.
__kernel void batchnorm2d_forward_training(__global const float* x, __global float* y,
    __global const float* gamma, __global const float* beta, __global float* runningMean, __global float* runningVar,
    __global float* savedMean, __global float* savedInvStd, int batch, int channels, int pixels, float momentum, float epsilon)
{
    __local float scratch[REDUCE_WG];
    const int c = (int)get_group_id(0), lid = (int)get_local_id(0), m = batch * pixels;
    float sum = 0.0f, compensation = 0.0f;
    for (int j = lid; j < m; j += REDUCE_WG) kahan_add(&sum, &compensation, x[CHANNEL_AT(j)]);
    const float mean = group_sum(scratch, sum) / (float)m;
    float squares = 0.0f;
    compensation = 0.0f;
    for (int j = lid; j < m; j += REDUCE_WG)
    {
        const float d = x[CHANNEL_AT(j)] - mean;
        kahan_add(&squares, &compensation, d * d);
    }
    squares = group_sum(scratch, squares);
    const float variance = squares / (float)m;
    const float invStd = 1.0f / sqrt(variance + epsilon);
    if (lid == 0)
    {
        savedMean[c] = mean;
        savedInvStd[c] = invStd;
        runningMean[c] = (1.0f - momentum) * runningMean[c] + momentum * mean;
        runningVar[c] = (1.0f - momentum) * runningVar[c] + momentum * (m > 1 ? squares / (float)(m - 1) : variance);
    }
    const float scale = gamma[c] * invStd, shift = beta[c] - mean * scale;
    for (int j = lid; j < m; j += REDUCE_WG) y[CHANNEL_AT(j)] = x[CHANNEL_AT(j)] * scale + shift;
}

// Inference mode with the running statistics: one work-item per element, bit-identical to the CPU.
__kernel void batchnorm2d_forward_inference(__global const float* x, __global float* y,
    __global const float* gamma, __global const float* beta, __global const float* runningMean, __global const float* runningVar,
    int total, int channels, int pixels, float epsilon)
{
    const int i = (int)get_global_id(0);
    if (i >= total) return;
    const int c = (i / pixels) % channels;
    const float invStd = 1.0f / sqrt(runningVar[c] + epsilon);
    const float scale = gamma[c] * invStd, shift = beta[c] - runningMean[c] * scale;
    y[i] = x[i] * scale + shift;
}

// dBeta = sum dy, dGamma = sum dy xhat, dx = gamma invStd (dy - mean(dy) - xhat mean(dy xhat)).
__kernel void batchnorm2d_backward(__global const float* x, __global const float* dy, __global const float* gamma,
    __global const float* savedMean, __global const float* savedInvStd, __global float* dx, __global float* dGamma, __global float* dBeta,
    int batch, int channels, int pixels)
{
    __local float scratch[REDUCE_WG];
    const int c = (int)get_group_id(0), lid = (int)get_local_id(0), m = batch * pixels;
    const float mean = savedMean[c], invStd = savedInvStd[c];
    float sumDy = 0.0f, compDy = 0.0f, sumDyXhat = 0.0f, compDyXhat = 0.0f;
    for (int j = lid; j < m; j += REDUCE_WG)
    {
        const int at = CHANNEL_AT(j);
        kahan_add(&sumDy, &compDy, dy[at]);
        kahan_add(&sumDyXhat, &compDyXhat, dy[at] * (x[at] - mean) * invStd);
    }
    sumDy = group_sum(scratch, sumDy);
    sumDyXhat = group_sum(scratch, sumDyXhat);
    if (lid == 0) { dGamma[c] = sumDyXhat; dBeta[c] = sumDy; }
    const float k = gamma[c] * invStd, meanDy = sumDy / (float)m, meanDyXhat = sumDyXhat / (float)m;
    for (int j = lid; j < m; j += REDUCE_WG)
    {
        const int at = CHANNEL_AT(j);
        dx[at] = k * (dy[at] - meanDy - (x[at] - mean) * invStd * meanDyXhat);
    }
}

// Inverted dropout, one work-item per four elements (one Philox block): element i is dropped
// when to_uniform(Philox(i / 4, step, 0, 6; seed)[i % 4]) < rate, else scaled by keep = 1 / (1 - rate)
// (computed on the host, as DropoutMask.Scale). Bit-identical to DropoutMask.Fill.
__kernel void dropout_forward(__global const float* x, __global float* y, __global float* mask, int n,
    float rate, float keep, uint seedLo, uint seedHi, uint step)
{
    const int block = (int)get_global_id(0);
    if (block >= (n + 3) / 4) return;
    const philox_out r = philox4x32((uint)block, step, 0u, 6u, seedLo, seedHi);
    const uint bits[4] = { r.x0, r.x1, r.x2, r.x3 };
    for (int lane = 0; lane < 4; lane++)
    {
        const int i = 4 * block + lane;
        if (i >= n) return;
        const float kept = to_uniform(bits[lane]) < rate ? 0.0f : keep;
        mask[i] = kept;
        y[i] = x[i] * kept;
    }
}

// dx = dy * mask.
__kernel void dropout_backward(__global const float* dy, __global const float* mask, __global float* dx, int n)
{
    const int i = (int)get_global_id(0);
    if (i < n) dx[i] = dy[i] * mask[i];
}
