namespace GpuAE.Compute.Cpu;

/// <summary>Host memory, pinned so kernels can take raw pointers without copying.</summary>
public sealed class CpuBuffer : DeviceBuffer
{
    private float[]? _data;

    internal CpuBuffer(CpuAccelerator accelerator, int length) : base(accelerator, length)
    {
        _data = GC.AllocateArray<float>(length, pinned: true);
    }

    public float[] Data => _data ?? throw new ObjectDisposedException(nameof(CpuBuffer));

    public Span<float> Span => Data.AsSpan();

    public unsafe float* Pointer => (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref Data[0]);

    protected internal override void FreeMemory() => _data = null;
}
