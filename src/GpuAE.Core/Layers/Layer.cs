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

    /// <summary>Allocates parameters and scratch buffers.</summary>
    protected virtual void OnBuild(ParameterInitializer init) { }

    public void Forward(DeviceBuffer input, int rows, bool training)
    {
        CheckRows(rows);
        Input = input;
        ForwardCore(input, rows, training);
    }

    public void Backward(DeviceBuffer outputGradient, int rows)
    {
        CheckRows(rows);
        BackwardCore(outputGradient, rows);
    }

    protected abstract void ForwardCore(DeviceBuffer input, int rows, bool training);
    protected abstract void BackwardCore(DeviceBuffer outputGradient, int rows);

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

    private void CheckRows(int rows)
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
