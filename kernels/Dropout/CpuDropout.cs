using System.Numerics.Tensors;

namespace GpuAE.Kernels.Dropout;

/// <summary>Inverted dropout on the host over one chunk [start, start + length) of the elements.</summary>
internal static class CpuDropout
{
    /// <summary>mask = the reference mask of these elements; y = x * mask.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, Span<float> mask, int start, float rate, ulong seed, uint step)
    {
        DropoutMask.Fill(mask, start, rate, seed, step);
        TensorPrimitives.Multiply(x, mask, y);
    }
}
