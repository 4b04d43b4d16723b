using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>A non-trainable tensor on the device that a layer keeps between steps (e.g. running statistics).</summary>
public sealed record StateTensor(string Name, int[] Shape, DeviceBuffer Value)
{
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}
