using ILGPU;

namespace GpuAE.Kernels.Common;

/// <summary>
/// Deterministic reductions inside one work-group of <see cref="Size"/> items (a power of two):
/// a tree in shared memory whose pairing depends only on the item index, so results are the
/// same run to run and no float atomics are needed. Every item gets the total.
/// </summary>
public static class GroupReduce
{
    /// <summary>Items per group of the per-row and per-channel reductions.</summary>
    public const int Size = 256;

    /// <summary>Scratch for one reduction; allocate once per kernel and pass to every call.</summary>
    public static ArrayView<float> Scratch() => SharedMemory.Allocate<float>(Size);

    public static float Sum(ArrayView<float> scratch, float value)
    {
        int lid = Group.IdxX;
        scratch[lid] = value;
        Group.Barrier();
        for (int stride = Size / 2; stride > 0; stride >>= 1)
        {
            if (lid < stride) scratch[lid] = scratch[lid] + scratch[lid + stride];
            Group.Barrier();
        }
        float total = scratch[0];
        Group.Barrier();
        return total;
    }

    public static float Max(ArrayView<float> scratch, float value)
    {
        int lid = Group.IdxX;
        scratch[lid] = value;
        Group.Barrier();
        for (int stride = Size / 2; stride > 0; stride >>= 1)
        {
            if (lid < stride) scratch[lid] = MathF.Max(scratch[lid], scratch[lid + stride]);
            Group.Barrier();
        }
        float total = scratch[0];
        Group.Barrier();
        return total;
    }
}
