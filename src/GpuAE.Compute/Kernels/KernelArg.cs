namespace GpuAE.Compute.Kernels;

/// <summary>
/// One kernel argument: a device buffer or a 32-bit scalar (int, uint or float bits). Ops pass
/// them as a collection expression into a ReadOnlySpan, which lives on the stack: a launch
/// allocates nothing on the host.
/// </summary>
public readonly struct KernelArg
{
    public readonly DeviceBuffer? Buffer;
    public readonly int Bits;

    private KernelArg(DeviceBuffer? buffer, int bits) { Buffer = buffer; Bits = bits; }

    public bool IsBuffer => Buffer is not null;

    public static implicit operator KernelArg(DeviceBuffer buffer) => new(buffer, 0);
    public static implicit operator KernelArg(int value) => new(null, value);
    public static implicit operator KernelArg(uint value) => new(null, unchecked((int)value));
    public static implicit operator KernelArg(float value) => new(null, BitConverter.SingleToInt32Bits(value));
}
