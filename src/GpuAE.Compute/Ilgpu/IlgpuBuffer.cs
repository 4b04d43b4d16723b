using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Compute.Ilgpu;

/// <summary>Device memory of an ILGPU accelerator: one dense float buffer.</summary>
public sealed class IlgpuBuffer : DeviceBuffer
{
    private MemoryBuffer1D<float, Stride1D.Dense>? _memory;

    internal IlgpuBuffer(IlgpuAccelerator owner, MemoryBuffer1D<float, Stride1D.Dense> memory) : base(owner, (int)memory.Length)
    {
        _memory = memory;
    }

    /// <summary>The whole buffer as a kernel argument.</summary>
    public ArrayView<float> View => (_memory ?? throw new ObjectDisposedException(nameof(IlgpuBuffer))).View;

    protected internal override void FreeMemory()
    {
        _memory?.Dispose();
        _memory = null;
    }
}
