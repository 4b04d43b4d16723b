using ILGPU;

namespace GpuAE.Kernels.Optimizers;

/// <summary>
/// One parameter tensor of a many-tensor optimizer launch: weights, gradient, the optimizer's
/// one or two state buffers (B unused by SGD), and where the tensor ends in the launch's
/// concatenated element range.
/// </summary>
public struct TensorSlot
{
    public ArrayView<float> W, G, A, B;
    public int End;
}

/// <summary>
/// Up to <see cref="Capacity"/> tensors in one kernel argument, so that one launch updates them
/// all. ILGPU cannot pass an array of views to a kernel, but it can pass a struct of them (its
/// fields live in the launch's parameter space: 16 slots take about 1 KB of CUDA's 4 KB).
/// </summary>
public struct TensorSlots
{
    public const int Capacity = 16;

    public TensorSlot S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12, S13, S14, S15;
    public int Count;

    public readonly TensorSlot At(int t) => t switch
    {
        0 => S0, 1 => S1, 2 => S2, 3 => S3, 4 => S4, 5 => S5, 6 => S6, 7 => S7,
        8 => S8, 9 => S9, 10 => S10, 11 => S11, 12 => S12, 13 => S13, 14 => S14, _ => S15,
    };

    public void Set(int t, TensorSlot slot)
    {
        switch (t)
        {
            case 0: S0 = slot; break; case 1: S1 = slot; break; case 2: S2 = slot; break; case 3: S3 = slot; break;
            case 4: S4 = slot; break; case 5: S5 = slot; break; case 6: S6 = slot; break; case 7: S7 = slot; break;
            case 8: S8 = slot; break; case 9: S9 = slot; break; case 10: S10 = slot; break; case 11: S11 = slot; break;
            case 12: S12 = slot; break; case 13: S13 = slot; break; case 14: S14 = slot; break;
            default: S15 = slot; break;
        }
    }

    /// <summary>The slot element i of the concatenated range falls in, and its index inside that tensor.</summary>
    public readonly TensorSlot Locate(int i, out int index)
    {
        int t = 0, start = 0;
        while (t < Count - 1 && i >= At(t).End) { start = At(t).End; t++; }
        index = i - start;
        return At(t);
    }

    /// <summary>Elements over every slot: the launch's extent.</summary>
    public readonly int Total => Count == 0 ? 0 : At(Count - 1).End;
}
