namespace GpuAE.Compute.OpenCl;

/// <summary>A cl_mem of Length floats in the accelerator's context.</summary>
internal sealed class OpenClBuffer : DeviceBuffer
{
    private readonly OpenClAccelerator _owner;

    internal OpenClBuffer(OpenClAccelerator accelerator, nint memory, int length) : base(accelerator, length)
    {
        _owner = accelerator;
        Memory = memory;
    }

    /// <summary>The cl_mem handle; 0 once released.</summary>
    public nint Memory { get; private set; }

    protected internal override void FreeMemory()
    {
        _owner.ReleaseBuffer(this, Memory);
        Memory = 0;
    }
}
