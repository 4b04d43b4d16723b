using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// A sequence of layers run front to back (forward) and back to front (backward). A training
/// step fuses neighbours where that saves a pass over the activations (<see cref="FuseLayers"/>):
/// a Conv2d applies the activation after it in its own op (with a max-pool after that, the three
/// are one op, forward and backward), a Conv2d reads an Upsample2d before it through (the
/// upsampled planes are never written), and a max-pool, an upsample or such a conv does the
/// backward pass of the ReLU right before it. The numbers are the same as layer by layer; only
/// the skipped layers' buffers are left unwritten (a fused conv's own Output, a fused upsample's
/// Output, an activation's Output before a fused pool, a fused ReLU's InputGradient). Inference
/// (training: false) runs layer by layer, so there every layer's Output is valid (latent codes
/// read the bottleneck's). The pool fusion applies on devices whose fused op keeps the planes in
/// cache (<see cref="Accelerator.FusesPoolIntoConv"/>: the CPU), where it saves memory traffic;
/// on ILGPU it would cost a scratch buffer and save no launch. The upsample fusion applies
/// everywhere (ILGPU's conv kernels read the small planes through).
/// </summary>
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
        _fusesPool = accelerator.FusesPoolIntoConv;
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

    /// <summary>Whether training steps fuse neighbouring layers (default); false runs every layer on its own, for comparison.</summary>
    public bool FuseLayers { get; set; } = true;

    /// <summary>The built-on device keeps a fused conv-activation-pool op's planes in cache: that fusion pays off there only.</summary>
    private bool _fusesPool;

    public DeviceBuffer Forward(DeviceBuffer input, int rows, bool training)
    {
        var x = input;
        for (int i = 0; i < Layers.Count;)
        {
            i += ForwardAt(i, x, rows, training);
            x = Layers[i - 1].Output; // a fused activation's Output holds the pair's result
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
        for (int i = from; i >= to;)
        {
            var (ran, below) = BackwardAt(i, g, rows, to);
            i -= ran;
            g = below!; // null only below layer 0, where the loop ends
        }
    }

    /// <summary>
    /// Layer i's forward pass, with the layers a training step fuses into it (see the fuse rules
    /// below); returns how many layers ran (1 to 3). The last of them holds the result in its Output.
    /// </summary>
    public int ForwardAt(int i, DeviceBuffer input, int rows, bool training)
    {
        if (training && FusesPoolIntoConv(i))
        {
            ((Conv2d)Layers[i]).ForwardPooled(input, rows, (ActivationLayer)Layers[i + 1], (MaxPool2d)Layers[i + 2]);
            return 3;
        }
        if (training && FusesUpsampleIntoConv(i))
        {
            var activation = FusesActivation(i + 1, training) ? (ActivationLayer)Layers[i + 2] : null;
            ((Conv2d)Layers[i + 1]).ForwardFromUpsampled(input, rows, activation);
            return activation is null ? 2 : 3;
        }
        if (FusesActivation(i, training))
        {
            Layers[i].ForwardWithActivation(input, rows, training, (ActivationLayer)Layers[i + 1]);
            return 2;
        }
        Layers[i].Forward(input, rows, training);
        return 1;
    }

    /// <summary>
    /// Layer i's backward pass from the gradient of its output, through the layers below it that
    /// fuse with it (never below layer `to`): how many layers ran (1 to 3), and the buffer that
    /// holds the gradient for the layer under them.
    /// </summary>
    public (int Ran, DeviceBuffer? InputGradient) BackwardAt(int i, DeviceBuffer outputGradient, int rows, int to = 0)
    {
        if (i - 2 >= to && FusesPoolIntoConv(i - 2))
        {
            ((Conv2d)Layers[i - 2]).BackwardPooled(outputGradient, rows, (ActivationLayer)Layers[i - 1], (MaxPool2d)Layers[i]);
            return (3, Layers[i - 2].InputGradient);
        }
        if (i - 1 >= to && FusesUpsampleIntoConv(i - 1))
        {
            var upsample = (Upsample2d)Layers[i - 1];
            bool relu = i - 2 >= to && FusesReluBelow(i - 1);
            ((Conv2d)Layers[i]).BackwardThroughUpsample(outputGradient, rows, upsample, relu ? Layers[i - 2].Output : null);
            return (relu ? 3 : 2, upsample.InputGradient);
        }
        if (FusesReluBelow(i) && i - 1 >= to)
        {
            Layers[i].BackwardThroughRelu(outputGradient, rows);
            return (2, Layers[i].InputGradient);
        }
        Layers[i].Backward(outputGradient, rows);
        return (1, Layers[i].InputGradient);
    }

    /// <summary>
    /// Layer i applies the activation after it: a Conv2d followed by an activation layer that is
    /// not the network's last (a loss may read the logits before a final Sigmoid), in training.
    /// </summary>
    public bool FusesActivation(int i, bool training) =>
        training && FuseLayers && i + 1 < Layers.Count - 1 && Layers[i].CanFuseActivation && Layers[i + 1] is ActivationLayer;

    /// <summary>
    /// Layer i is an Upsample2d that the Conv2d after it reads through (forward and backward, the
    /// ReLU before it too where <see cref="FusesReluBelow"/>(i)): its Output is never written.
    /// </summary>
    public bool FusesUpsampleIntoConv(int i) =>
        FuseLayers && i + 1 < Layers.Count && Layers[i] is Upsample2d && Layers[i + 1] is Conv2d;

    /// <summary>
    /// Layer i is a Conv2d followed by an activation and a MaxPool2d, all three one op in a
    /// training step (forward and backward): the conv's and the activation's full-size outputs are
    /// never written. (Exact for any activation: its derivative is taken from its output, and its
    /// output at a window's argmax is the pooled value.)
    /// </summary>
    public bool FusesPoolIntoConv(int i) =>
        FuseLayers && _fusesPool && i + 2 < Layers.Count && Layers[i] is Conv2d && Layers[i + 1] is ActivationLayer && Layers[i + 2] is MaxPool2d;

    /// <summary>Layer i does the backward pass of the ReLU layer right before it.</summary>
    public bool FusesReluBelow(int i) => FuseLayers && i >= 1 && Layers[i].CanFuseReluBelow && Layers[i - 1] is ReLU;

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
