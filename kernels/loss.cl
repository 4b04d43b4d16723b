// Losses (one work-group of REDUCE_WG items per row: gradient element-wise, row loss by a
// deterministic tree sum) and the device-side accumulator AccumulateSum.
#include "common.h"

// rowLoss[r] = sum_c (p - t)^2; grad = scale * 2 (p - t).
__kernel void mse_loss(__global const float* p, __global const float* t, __global float* grad, __global float* rowLoss,
    int cols, float scale)
{
    __local float scratch[REDUCE_WG];
    const int row = (int)get_group_id(0), lid = (int)get_local_id(0);
    const int base = row * cols;
    float sum = 0.0f;
    for (int c = lid; c < cols; c += REDUCE_WG)
    {
        const float d = p[base + c] - t[base + c];
        sum = sum + d * d;
        grad[base + c] = scale * 2.0f * d;
    }
    sum = group_sum(scratch, sum);
    if (lid == 0) rowLoss[row] = sum;
}

// rowLoss[r] = sum_c max(z,0) - z t + log(1 + exp(-|z|)); grad = scale * (sigmoid(z) - t).
__kernel void bce_with_logits_loss(__global const float* z, __global const float* t, __global float* grad, __global float* rowLoss,
    int cols, float scale)
{
    __local float scratch[REDUCE_WG];
    const int row = (int)get_group_id(0), lid = (int)get_local_id(0);
    const int base = row * cols;
    float sum = 0.0f;
    for (int c = lid; c < cols; c += REDUCE_WG)
    {
        const float zi = z[base + c], ti = t[base + c];
        sum = sum + (fmax(zi, 0.0f) - zi * ti + log(1.0f + exp(-fabs(zi))));
        grad[base + c] = scale * (1.0f / (1.0f + exp(-zi)) - ti);
    }
    sum = group_sum(scratch, sum);
    if (lid == 0) rowLoss[row] = sum;
}

// rowLoss[r] = -log softmax(z)[label]; grad = scale * (softmax(z) - onehot(label)).
__kernel void softmax_cross_entropy_loss(__global const float* z, __global const float* labels, __global float* grad,
    __global float* rowLoss, int classes, float scale)
{
    __local float scratch[REDUCE_WG];
    const int row = (int)get_group_id(0), lid = (int)get_local_id(0);
    const int base = row * classes;
    float top = -INFINITY;
    for (int c = lid; c < classes; c += REDUCE_WG) top = fmax(top, z[base + c]);
    top = group_max(scratch, top);
    float sum = 0.0f;
    for (int c = lid; c < classes; c += REDUCE_WG) sum = sum + exp(z[base + c] - top);
    sum = group_sum(scratch, sum);
    const int label = (int)labels[row];
    for (int c = lid; c < classes; c += REDUCE_WG)
        grad[base + c] = scale * (exp(z[base + c] - top) / sum - (c == label ? 1.0f : 0.0f));
    // A label outside [0, classes) cannot be reported from here: it makes the row loss NaN.
    const int valid = label >= 0 && label < classes;
    if (lid == 0) rowLoss[row] = valid ? log(sum) + top - z[base + label] : NAN;
}

// total[index] += sum of values[0..n): one work-group; each item sums a fixed stride with
// Kahan compensation, then a tree sum. Deterministic, no atomics.
__kernel void accumulate_sum(__global const float* values, int n, __global float* total, int index)
{
    __local float scratch[REDUCE_WG];
    const int lid = (int)get_local_id(0);
    float sum = 0.0f, compensation = 0.0f;
    for (int i = lid; i < n; i += REDUCE_WG)
    {
        const float y = values[i] - compensation;
        const float t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }
    sum = group_sum(scratch, sum);
    if (lid == 0) total[index] = total[index] + sum;
}
