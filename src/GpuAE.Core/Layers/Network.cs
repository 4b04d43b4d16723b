using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>A sequence of layers run front to back (forward) and back to front (backward).</summary>
public sealed class Network(IReadOnlyList<Layer> layers) : IDisposable
{
    public IReadOnlyList<Layer> Layers { get; } = layers;
    public TensorShape InputShape { get; private set; }
    public TensorShape OutputShape => Layers[^1].OutputShape;
    public int MaxBatch { get; private set; }

    public IEnumerable<Parameter> Parameters => Layers.SelectMany(l => l.Parameters);

    public long ParameterCount => Layers.SelectMany(l => l.Parameters).Sum(p => (long)p.Length);

    public DeviceBuffer Output => Layers[^1].Output;

    /// <summary>
    /// Allocates every layer's buffers for batches of up to <paramref name="maxBatch"/> and draws
    /// the initial weights; a size no buffer or the device's free memory can hold stops first,
    /// with a <see cref="SizeLimitException"/> (see <see cref="MemoryPlan"/>).
    /// </summary>
    public void Build(Accelerator accelerator, TensorShape input, int maxBatch, ulong seed)
    {
        MemoryPlan.Check(Layers, input, maxBatch, Math.Max(0, accelerator.Info.MemoryBytes - accelerator.AllocatedBytes), accelerator.Info.Name);
        InputShape = input;
        MaxBatch = maxBatch;
        var init = new ParameterInitializer(seed);
        var shape = input;
        for (int i = 0; i < Layers.Count; i++)
        {
            Layers[i].Build(accelerator, shape, maxBatch, init, computeInputGradient: i > 0);
            shape = Layers[i].OutputShape;
        }
    }

    public DeviceBuffer Forward(DeviceBuffer input, int rows, bool training)
    {
        var x = input;
        foreach (var layer in Layers)
        {
            layer.Forward(x, rows, training);
            x = layer.Output;
        }
        return x;
    }

    /// <summary>
    /// Backpropagates a gradient that belongs to the output of layer `from` down to layer `to`
    /// (0 by default; a larger `to` leaves the layers below it frozen and untouched).
    /// </summary>
    public void Backward(DeviceBuffer gradient, int rows, int from, int to = 0)
    {
        var g = gradient;
        for (int i = from; i >= to; i--)
        {
            Layers[i].Backward(g, rows);
            g = Layers[i].InputGradient!;
        }
    }

    public IEnumerable<string> Describe()
    {
        // The layer column is as wide as the longest description (residual blocks run long), so the columns stay aligned.
        int width = Layers.Select(l => l.Describe().Length).Append(32).Max();
        yield return $"{"#",-3} {"layer".PadRight(width)} {"output",-14} {"parameters",12}";
        for (int i = 0; i < Layers.Count; i++)
        {
            var l = Layers[i];
            long p = l.Parameters.Sum(x => (long)x.Length);
            yield return $"{i,-3} {l.Describe().PadRight(width)} {l.OutputShape,-14} {p,12:N0}";
        }
        yield return $"total parameters: {ParameterCount:N0}";
    }

    public void Dispose()
    {
        foreach (var l in Layers) l.Dispose();
    }
}
