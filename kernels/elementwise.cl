// Memory, bias, activation and optimizer ops: one work-item per element (or per column).
// Semantics are those of Accelerator.cs; the CPU accelerator is the reference.
#include "common.h"

__kernel void fill(__global float* x, int n, float value)
{
    const int i = (int)get_global_id(0);
    if (i < n) x[i] = value;
}

__kernel void copy(__global const float* src, int srcOffset, __global float* dst, int dstOffset, int n)
{
    const int i = (int)get_global_id(0);
    if (i < n) dst[dstOffset + i] = src[srcOffset + i];
}

// y[r, c] += bias[c]; one work-item per element of the [rows, cols] matrix.
__kernel void add_row_vector(__global float* y, __global const float* bias, int rows, int cols)
{
    const int i = (int)get_global_id(0);
    if (i < rows * cols) y[i] = y[i] + bias[i % cols];
}

// sums[c] = beta * sums[c] + sum_r x[r, c], rows added in order (bit-identical to the CPU).
__kernel void sum_rows(__global const float* x, __global float* sums, int rows, int cols, float beta)
{
    const int c = (int)get_global_id(0);
    if (c >= cols) return;
    float s = beta == 0.0f ? 0.0f : (beta == 1.0f ? sums[c] : beta * sums[c]);
    for (int r = 0; r < rows; r++) s = s + x[r * cols + c];
    sums[c] = s;
}

// y[i] += alpha * x[i] (residual sums, gradient accumulation).
__kernel void axpy(__global const float* x, __global float* y, int n, float alpha)
{
    const int i = (int)get_global_id(0);
    if (i < n) y[i] = y[i] + alpha * x[i];
}

// Activation kinds: the numbers of ActivationKind in Enums.cs.
#define ACT_IDENTITY 0
#define ACT_SIGMOID 1
#define ACT_RELU 2
#define ACT_LEAKY_RELU 3
#define ACT_TANH 4

__kernel void activation_forward(int kind, float alpha, __global const float* x, __global float* y, int n)
{
    const int i = (int)get_global_id(0);
    if (i >= n) return;
    const float v = x[i];
    float r;
    switch (kind)
    {
        case ACT_SIGMOID: r = 1.0f / (1.0f + exp(-v)); break;
        case ACT_RELU: r = v > 0.0f ? v : 0.0f; break;
        case ACT_LEAKY_RELU: r = v > 0.0f ? v : alpha * v; break;
        case ACT_TANH: r = tanh(v); break;
        default: r = v; break;
    }
    y[i] = r;
}

// dx = dy * f'(x), f' written in terms of the forward output y.
__kernel void activation_backward(int kind, float alpha, __global const float* y, __global const float* dy, __global float* dx, int n)
{
    const int i = (int)get_global_id(0);
    if (i >= n) return;
    const float yi = y[i], g = dy[i];
    float r;
    switch (kind)
    {
        case ACT_SIGMOID: r = g * yi * (1.0f - yi); break;
        case ACT_RELU: r = yi > 0.0f ? g : 0.0f; break;
        case ACT_LEAKY_RELU: r = yi > 0.0f ? g : alpha * g; break;
        case ACT_TANH: r = g * (1.0f - yi * yi); break;
        default: r = g; break;
    }
    dx[i] = r;
}

// v = momentum v + (g + wd w); w -= lr v.
__kernel void sgd_update(__global float* w, __global const float* g, __global float* v, int n,
    float learningRate, float momentum, float weightDecay)
{
    const int i = (int)get_global_id(0);
    if (i >= n) return;
    const float step = momentum * v[i] + g[i] + weightDecay * w[i];
    v[i] = step;
    w[i] = w[i] - learningRate * step;
}

// Adam; c1 = 1 - beta1^t and c2 = 1 - beta2^t are computed on the host, as the CPU does.
__kernel void adam_update(__global float* w, __global const float* g, __global float* m, __global float* v, int n,
    float learningRate, float beta1, float beta2, float epsilon, float c1, float c2)
{
    const int i = (int)get_global_id(0);
    if (i >= n) return;
    const float gi = g[i];
    const float mi = beta1 * m[i] + (1.0f - beta1) * gi;
    const float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] = w[i] - learningRate * (mi / c1) / (sqrt(vi / c2) + epsilon);
}

// Adadelta (Zeiler 2012, PyTorch's form): sg = E[g^2], su = E[dx^2], both decayed by rho.
__kernel void adadelta_update(__global float* w, __global const float* g, __global float* sg, __global float* su, int n,
    float learningRate, float rho, float epsilon)
{
    const int i = (int)get_global_id(0);
    if (i >= n) return;
    const float gi = g[i];
    const float sgi = rho * sg[i] + (1.0f - rho) * gi * gi;
    const float delta = sqrt(su[i] + epsilon) / sqrt(sgi + epsilon) * gi;
    sg[i] = sgi;
    su[i] = rho * su[i] + (1.0f - rho) * delta * delta;
    w[i] = w[i] - learningRate * delta;
}
