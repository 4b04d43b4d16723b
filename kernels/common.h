// Shared by every kernel file (the loader inlines the include lines of kernel files). OpenCL C 1.2 that also
// compiles as CUDA C++ after cuda_prelude.h.
#ifndef GPUAE_COMMON_H
#define GPUAE_COMMON_H

// DEVICE_FN marks helper functions callable from kernels; LOCAL_ARG a pointer parameter into
// work-group memory (CUDA's shared memory needs no qualifier on a pointer).
#ifdef __CUDACC__
#define LOCAL_ARG
#define DEVICE_FN __device__ __forceinline__
#else
#define DEVICE_FN
// Noise must be bit-identical to the C# reference: no a*b+c fused into one rounding.
#pragma OPENCL FP_CONTRACT OFF
#define LOCAL_ARG __local
#endif

// Work-group size of the one-dimensional reductions (a power of two); a -D define.
#ifndef REDUCE_WG
#define REDUCE_WG 256
#endif

// Tree sum of one value per work-item over a work-group of REDUCE_WG items. Deterministic:
// the pairing depends only on the local id. Every work-item gets the total.
DEVICE_FN float group_sum(LOCAL_ARG float* scratch, float value)
{
    const int lid = (int)get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = REDUCE_WG / 2; stride > 0; stride >>= 1)
    {
        if (lid < stride) scratch[lid] = scratch[lid] + scratch[lid + stride];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float total = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return total;
}

DEVICE_FN float group_max(LOCAL_ARG float* scratch, float value)
{
    const int lid = (int)get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = REDUCE_WG / 2; stride > 0; stride >>= 1)
    {
        if (lid < stride) scratch[lid] = fmax(scratch[lid], scratch[lid + stride]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float total = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return total;
}

#endif
