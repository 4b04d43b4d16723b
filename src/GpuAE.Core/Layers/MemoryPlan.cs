using System.Globalization;
using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>One buffer a layer will allocate: what it holds and how many floats (64-bit, so no size wraps around).</summary>
public readonly record struct PlannedBuffer(string What, long Elements, bool IsParameter = false);

/// <summary>
/// What building a network will allocate, worked out in 64-bit arithmetic from the layers'
/// shapes before a single buffer exists, and checked against two limits: a device buffer holds
/// at most 2^31 - 1 floats (its length is an int), and everything together must fit in the
/// device's memory. A model or batch too large for either stops with a <see cref="SizeLimitException"/>
/// that says how much it needs and which option makes it smaller, instead of an int overflow deep in a layer.
/// </summary>
public static class MemoryPlan
{
    /// <summary>Floats one device buffer can hold.</summary>
    public const long MaxBufferElements = int.MaxValue;

    /// <summary>
    /// Optimizer state per parameter float, at most (Adam and Adadelta keep two moments): the
    /// total counts them so a run that would run out of memory on its first step is caught here.
    /// </summary>
    public const int OptimizerBuffersPerParameter = 2;

    /// <summary>Elements of one sample of this shape, in 64 bits.</summary>
    public static long Elements(TensorShape s) => checked((long)s.Channels * s.Height * s.Width);

    /// <summary>Every buffer the network will allocate for this input and batch, layer by layer.</summary>
    public static IEnumerable<(int Layer, Layer Kind, PlannedBuffer Buffer)> Buffers(IReadOnlyList<Layer> layers, TensorShape input, int maxBatch)
    {
        var shape = input;
        for (int i = 0; i < layers.Count; i++)
        {
            foreach (var b in layers[i].PlanBuffers(shape, maxBatch, computeInputGradient: i > 0)) yield return (i, layers[i], b);
            shape = layers[i].InferOutputShape(shape);
        }
    }

    /// <summary>Bytes the built network and an optimizer will hold, at most.</summary>
    public static long TotalBytes(IReadOnlyList<Layer> layers, TensorShape input, int maxBatch) =>
        checked(Buffers(layers, input, maxBatch).Sum(b => b.Buffer.Elements * (b.Buffer.IsParameter ? 1 + OptimizerBuffersPerParameter : 1)) * sizeof(float));

    /// <summary>
    /// Throws a <see cref="SizeLimitException"/> when a buffer would exceed <see cref="MaxBufferElements"/>
    /// or the total the device's memory (<paramref name="deviceMemoryBytes"/>, 0 when unknown).
    /// </summary>
    public static void Check(IReadOnlyList<Layer> layers, TensorShape input, int maxBatch, long deviceMemoryBytes, string deviceName)
    {
        try { CheckSizes(layers, input, maxBatch, deviceMemoryBytes, deviceName); }
        catch (OverflowException) { throw new SizeLimitException($"a batch of {maxBatch} images of {input} gives this model sizes beyond 64-bit counts: use a smaller --batch or model"); }
    }

    private static void CheckSizes(IReadOnlyList<Layer> layers, TensorShape input, int maxBatch, long deviceMemoryBytes, string deviceName)
    {
        if (input.Channels <= 0 || input.Height <= 0 || input.Width <= 0) throw new SizeLimitException($"input of {input} images: every size must be positive");
        if (maxBatch <= 0) throw new SizeLimitException($"batch of {maxBatch} images: it must be positive");
        if (Elements(input) > MaxBufferElements / maxBatch)
            throw new SizeLimitException($"a batch of {maxBatch} images of {input} needs {Floats(maxBatch * Elements(input))}, more than one device buffer holds (2^31 - 1 floats, 8 GiB): use a smaller --batch");
        var buffers = Buffers(layers, input, maxBatch).ToList();
        // parameters first: a model too large at any batch size is named as such, not as a batch problem
        foreach (var (i, layer, b) in buffers.Where(b => b.Buffer.IsParameter).Concat(buffers.Where(b => !b.Buffer.IsParameter)))
        {
            if (b.Elements <= 0) throw new SizeLimitException($"layer {i} ({layer.Kind}) would have an empty {b.What} buffer ({b.Elements} floats): the model does not fit its input {input}");
            if (b.Elements <= MaxBufferElements) continue;
            throw new SizeLimitException(b.IsParameter
                ? $"layer {i} ({layer.Kind}) needs a {b.What} tensor of {Floats(b.Elements)}, more than one device buffer holds (2^31 - 1 floats, 8 GiB): use a smaller model (e.g. --hidden)"
                : $"layer {i} ({layer.Kind}) needs {Floats(b.Elements)} for its {b.What} at a batch of {maxBatch}, more than one device buffer holds (2^31 - 1 floats, 8 GiB): use a smaller --batch");
        }
        long total = TotalBytes(layers, input, maxBatch);
        if (deviceMemoryBytes > 0 && total > deviceMemoryBytes)
            throw new SizeLimitException($"this model at a batch of {maxBatch} needs about {GiB(total)} of device memory; {deviceName} has {GiB(deviceMemoryBytes)}: use a smaller --batch or model");
    }

    /// <summary>"2,352,000,000 floats (8.8 GiB)".</summary>
    public static string Floats(long elements) => $"{elements.ToString("N0", CultureInfo.InvariantCulture)} floats ({GiB(elements * sizeof(float))})";

    public static string GiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0#} GiB");
}

/// <summary>A model, batch or input too large to allocate: the message says how much it needs and what to make smaller.</summary>
public sealed class SizeLimitException(string message) : Exception(message);
