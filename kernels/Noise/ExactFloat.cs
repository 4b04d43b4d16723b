using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;

namespace GpuAE.Kernels.Noise;

/// <summary>
/// Float +, - and * rounded once each, never fused: the noise must be bit-identical on every
/// device. .NET never contracts a * b + c into an FMA, but ILGPU's PTX backend emits mul.f32 and
/// add.f32 without .rn, which ptxas may fuse; on CUDA these emit mul.rn / add.rn / sub.rn, which
/// ptxas must not contract. (Division and sqrt are already div.rn / sqrt.rn there.)
/// </summary>
public static class ExactFloat
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Mul(float a, float b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mul.rn.f32 %0, %1, %2;", out float r, a, b);
            return r;
        }
        return a * b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float a, float b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("add.rn.f32 %0, %1, %2;", out float r, a, b);
            return r;
        }
        return a + b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sub(float a, float b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("sub.rn.f32 %0, %1, %2;", out float r, a, b);
            return r;
        }
        return a - b;
    }
}
