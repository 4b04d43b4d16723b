using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>A trainable tensor on the device and the gradient its layer writes during backward.</summary>
public sealed class Parameter(string name, int[] shape, DeviceBuffer value, DeviceBuffer gradient)
{
    public string Name { get; } = name;
    public int[] Shape { get; } = shape;
    public DeviceBuffer Value { get; } = value;
    public DeviceBuffer Gradient { get; } = gradient;
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}
