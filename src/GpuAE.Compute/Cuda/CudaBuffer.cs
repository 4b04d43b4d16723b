namespace GpuAE.Compute.Cuda;

/// <summary>A device allocation (CUdeviceptr) of Length floats.</summary>
internal sealed class CudaBuffer : DeviceBuffer
{
    private readonly CudaAccelerator _owner;

    internal CudaBuffer(CudaAccelerator accelerator, ulong pointer, int length) : base(accelerator, length)
    {
        _owner = accelerator;
        Pointer = pointer;
    }

    /// <summary>The device address; 0 once released.</summary>
    public ulong Pointer { get; private set; }

    protected internal override void FreeMemory()
    {
        _owner.ReleaseBuffer(this, Pointer);
        Pointer = 0;
    }
}
