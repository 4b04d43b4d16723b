// Makes the OpenCL C 1.2 kernels in this folder valid CUDA C++ for NVRTC. The CUDA accelerator
// compiles "cuda_prelude.h + <file>.cl"; OpenCL never sees this file. Keep the kernels within
// the subset mapped here: __local only for arrays declared inside kernels (or through
// LOCAL_ARG in parameters), no __constant, no OpenCL vector literals, vloadN for vector loads.
#ifndef GPUAE_CUDA_PRELUDE_H
#define GPUAE_CUDA_PRELUDE_H

typedef unsigned int uint;
typedef unsigned long long ulong;

#define __kernel extern "C" __global__
#define __global
#define __local __shared__
#define __private
#define restrict __restrict__

#define CLK_LOCAL_MEM_FENCE 1
#define CLK_GLOBAL_MEM_FENCE 2
#define barrier(flags) __syncthreads()

__device__ __forceinline__ size_t get_local_id(int d) { return d == 0 ? threadIdx.x : d == 1 ? threadIdx.y : threadIdx.z; }
__device__ __forceinline__ size_t get_group_id(int d) { return d == 0 ? blockIdx.x : d == 1 ? blockIdx.y : blockIdx.z; }
__device__ __forceinline__ size_t get_local_size(int d) { return d == 0 ? blockDim.x : d == 1 ? blockDim.y : blockDim.z; }
__device__ __forceinline__ size_t get_num_groups(int d) { return d == 0 ? gridDim.x : d == 1 ? gridDim.y : gridDim.z; }
__device__ __forceinline__ size_t get_global_id(int d) { return get_group_id(d) * get_local_size(d) + get_local_id(d); }
__device__ __forceinline__ size_t get_global_size(int d) { return get_num_groups(d) * get_local_size(d); }

// OpenCL's float built-ins; CUDA's overloads for float exist but the f-suffixed names are
// unambiguous, so the kernels' calls are routed to them.
#define exp(x) expf(x)
#define log(x) logf(x)
#define sqrt(x) sqrtf(x)
#define fabs(x) fabsf(x)
#define fmax(a, b) fmaxf(a, b)
#define fmin(a, b) fminf(a, b)
#define tanh(x) tanhf(x)
#define floor(x) floorf(x)
#define pow(a, b) powf(a, b)

#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif
#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif

#define as_int(x) __float_as_int(x)
#define as_float(x) __int_as_float(x)
#define mul_hi(a, b) __umulhi(a, b)

// vload4 on a 16-byte aligned address (the kernels check alignment before they use it).
__device__ __forceinline__ float4 vload4(size_t i, const float* p) { return *(const float4*)(p + 4 * i); }

#endif
