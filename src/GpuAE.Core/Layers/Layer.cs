using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// A network layer with an explicit forward and backward pass (Caffe / Darknet style).
/// Build allocates every buffer the layer will ever need for batches of up to maxBatch
/// samples, so training steps allocate nothing. Forward remembers its input buffer for
/// backward; backward overwrites the parameter gradients and, unless this is the first
/// layer, writes the gradient with respect to the input.
/// </summary>
public abstract class Layer : IDisposable
{
    private readonly List<DeviceBuffer> _owned = [];

    protected Accelerator Accelerator { get; private set; } = null!;
    protected DeviceBuffer Input { get; private set; } = null!;

    public TensorShape InputShape { get; private set; }
    public TensorShape OutputShape { get; private set; }
    public int MaxBatch { get; private set; }

    /// <summary>False for the first layer: nobody needs the gradient of the network's input.</summary>
    public bool ComputesInputGradient { get; private set; } = true;

    public DeviceBuffer Output { get; private set; } = null!;
    public DeviceBuffer? InputGradient { get; private set; }

    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>
    /// Non-trainable tensors the layer needs at inference (BatchNorm's running statistics):
    /// saved in checkpoints with the parameters, never touched by optimizers.
    /// </summary>
    public virtual IReadOnlyList<StateTensor> State => [];

    public abstract string Kind { get; }

    /// <summary>
    /// Whether a training step's forward pass gives this layer different arguments each step
    /// (dropout's mask counter): such a network's step cannot be recorded once and replayed.
    /// </summary>
    public virtual bool VariesPerStep => false;

    public void Build(Accelerator accelerator, TensorShape input, int maxBatch, ParameterInitializer init, bool computeInputGradient)
    {
        Accelerator = accelerator;
        InputShape = input;
        MaxBatch = maxBatch;
        ComputesInputGradient = computeInputGradient;
        OutputShape = InferOutputShape(input);
        Output = Allocate(maxBatch * OutputShape.Size);
        InputGradient = computeInputGradient ? Allocate(maxBatch * input.Size) : null;
        OnBuild(init);
    }

    public abstract TensorShape InferOutputShape(TensorShape input);

    /// <summary>
    /// The buffers <see cref="Build"/> will allocate for this input and batch, in floats, counted
    /// in 64 bits before anything is allocated (see <see cref="MemoryPlan"/>): the output, the
    /// input gradient, each parameter's value and gradient, and any scratch the layer keeps.
    /// </summary>
    public virtual IEnumerable<PlannedBuffer> PlanBuffers(TensorShape input, int maxBatch, bool computeInputGradient)
    {
        yield return new("output", checked(maxBatch * MemoryPlan.Elements(InferOutputShape(input))));
        if (computeInputGradient) yield return new("input gradient", checked(maxBatch * MemoryPlan.Elements(input)));
        foreach (var (name, elements) in PlanParameters(input))
        {
            yield return new(name, elements, IsParameter: true);
            yield return new(name + " gradient", elements);
        }
    }

    /// <summary>The trainable tensors the layer will create for this input: name and element count.</summary>
    protected virtual IEnumerable<(string Name, long Elements)> PlanParameters(TensorShape input) => [];

    /// <summary>Allocates parameters and scratch buffers.</summary>
    protected virtual void OnBuild(ParameterInitializer init) { }

    public void Forward(DeviceBuffer input, int rows, bool training)
    {
        BeginForward(input, rows);
        ForwardCore(input, rows, training);
    }

    /// <summary>Checks the batch and remembers the input for backward (every forward path starts here).</summary>
    protected void BeginForward(DeviceBuffer input, int rows)
    {
        CheckRows(rows);
        Input = input;
    }

    public void Backward(DeviceBuffer outputGradient, int rows)
    {
        CheckRows(rows);
        BackwardCore(outputGradient, rows);
    }

    protected abstract void ForwardCore(DeviceBuffer input, int rows, bool training);
    protected abstract void BackwardCore(DeviceBuffer outputGradient, int rows);

    // ---- Fusion (see Network): two neighbouring layers as one op in a training step ------------

    /// <summary>Whether this layer can apply the activation layer after it in its own forward op.</summary>
    public virtual bool CanFuseActivation => false;

    /// <summary>
    /// Forward, with the activation layer after this one done in the same op: the result goes to
    /// the activation's Output (as if it had run), and this layer's own Output is left as it was.
    /// </summary>
    public void ForwardWithActivation(DeviceBuffer input, int rows, bool training, ActivationLayer activation)
    {
        if (!CanFuseActivation) throw new InvalidOperationException($"{Kind} cannot fuse the activation after it");
        BeginForward(input, rows);
        ForwardWithActivationCore(input, rows, training, activation);
    }

    protected virtual void ForwardWithActivationCore(DeviceBuffer input, int rows, bool training, ActivationLayer activation) =>
        throw new InvalidOperationException($"{Kind} cannot fuse the activation after it");

    /// <summary>Whether this layer's backward can also do the backward of a ReLU right before it.</summary>
    public virtual bool CanFuseReluBelow => false;

    /// <summary>
    /// Backward through this layer and the ReLU layer before it, in one op: InputGradient then
    /// holds the gradient with respect to the ReLU's input (the ReLU's own backward is skipped).
    /// </summary>
    public void BackwardThroughRelu(DeviceBuffer outputGradient, int rows)
    {
        if (!CanFuseReluBelow || InputGradient is null) throw new InvalidOperationException($"{Kind} cannot fuse the ReLU before it");
        CheckRows(rows);
        BackwardThroughReluCore(outputGradient, rows);
    }

    protected virtual void BackwardThroughReluCore(DeviceBuffer outputGradient, int rows) =>
        throw new InvalidOperationException($"{Kind} cannot fuse the ReLU before it");

    /// <summary>One line for the model's layer table, e.g. "Dense 784 -> 1000".</summary>
    public virtual string Describe() => $"{Kind} {InputShape} -> {OutputShape}";

    protected DeviceBuffer Allocate(int length)
    {
        var buffer = Accelerator.Allocate(length);
        _owned.Add(buffer);
        return buffer;
    }

    protected Parameter CreateParameter(string name, int[] shape, float[] initial)
    {
        var value = Allocate(initial.Length);
        value.Upload(initial);
        var gradient = Allocate(initial.Length);
        Accelerator.Fill(gradient, initial.Length, 0f);
        return new Parameter(name, shape, value, gradient);
    }

    protected StateTensor CreateState(string name, int[] shape, float[] initial)
    {
        var value = Allocate(initial.Length);
        value.Upload(initial);
        return new StateTensor(name, shape, value);
    }

    protected void CheckRows(int rows)
    {
        if (rows <= 0 || rows > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(rows), $"{Kind}: batch of {rows} rows, built for 1..{MaxBatch}");
    }

    /// <summary>Releases what the layer holds besides its own buffers (a composite's sublayers).</summary>
    protected virtual void OnDispose() { }

    public void Dispose()
    {
        OnDispose();
        foreach (var b in _owned) b.Dispose();
        _owned.Clear();
        GC.SuppressFinalize(this);
    }
}
