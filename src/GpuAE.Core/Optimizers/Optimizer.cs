using GpuAE.Compute;
using GpuAE.Layers;

namespace GpuAE.Optimizers;

/// <summary>
/// Updates parameters from their gradients on the device. State buffers (momentum, Adam's
/// moments) are allocated on the first step and reused after that.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Dictionary<Parameter, DeviceBuffer[]> _state = new(ReferenceEqualityComparer.Instance);

    public float LearningRate { get; set; }
    public int StepCount { get; private set; }

    public abstract string Name { get; }

    protected abstract int StateBuffersPerParameter { get; }

    /// <summary>The step's tensors, reused from step to step so that a step allocates nothing.</summary>
    private OptimizerTensor[] _tensors = [];

    /// <summary>Updates every parameter with one many-tensor op (one launch per 16 tensors on ILGPU devices).</summary>
    public void Step(Accelerator accelerator, IEnumerable<Parameter> parameters)
    {
        StepCount++;
        int count = 0;
        foreach (var p in parameters)
        {
            var state = StateOf(accelerator, p);
            if (count == _tensors.Length) Array.Resize(ref _tensors, Math.Max(8, 2 * count));
            _tensors[count++] = new OptimizerTensor(p.Value, p.Gradient, state[0], state.Length > 1 ? state[1] : null, p.Length);
        }
        Update(accelerator, _tensors.AsSpan(0, count));
        Array.Clear(_tensors, 0, count); // do not keep the buffers alive past the step
    }

    private DeviceBuffer[] StateOf(Accelerator accelerator, Parameter p)
    {
        if (_state.TryGetValue(p, out var state)) return state;
        state = new DeviceBuffer[StateBuffersPerParameter];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = accelerator.Allocate(p.Length);
            accelerator.Fill(state[i], p.Length, 0f);
        }
        return _state[p] = state;
    }

    protected abstract void Update(Accelerator accelerator, ReadOnlySpan<OptimizerTensor> tensors);

    /// <summary>
    /// The step count and, per parameter in the given order, a host copy of its state buffers
    /// (empty for a parameter never stepped, such as a frozen layer's): what a resumed run needs
    /// to continue exactly where this one stopped.
    /// </summary>
    public OptimizerState Export(IReadOnlyList<Parameter> parameters) => new(StepCount, [.. parameters.Select(p =>
        _state.TryGetValue(p, out var buffers)
            ? buffers.Select(b => { var host = new float[p.Length]; b.Download(host); return host; }).ToArray()
            : [])]);

    /// <summary>Puts an exported state back (on a fresh optimizer of the same kind, for the same parameters).</summary>
    public void Import(Accelerator accelerator, IReadOnlyList<Parameter> parameters, OptimizerState state)
    {
        if (state.Buffers.Length != parameters.Count)
            throw new ArgumentException($"optimizer state for {state.Buffers.Length} parameters, the model has {parameters.Count}");
        foreach (var b in _state.Values.SelectMany(s => s)) b.Dispose();
        _state.Clear();
        for (int i = 0; i < parameters.Count; i++)
        {
            var saved = state.Buffers[i];
            if (saved.Length == 0) continue;
            if (saved.Length != StateBuffersPerParameter || saved.Any(v => v.Length != parameters[i].Length))
                throw new ArgumentException($"optimizer state of parameter {i} ({parameters[i].Name}) does not fit a {Name} optimizer on {parameters[i].Length} values");
            _state[parameters[i]] = [.. saved.Select(v => accelerator.Allocate(v))];
        }
        StepCount = state.Steps;
    }

    /// <summary>An optimizer by name ("sgd", "adam", "adadelta"); see <see cref="OptimizerSpec"/>.</summary>
    public static Optimizer Create(string name, float learningRate, float momentum) =>
        new OptimizerSpec(OptimizerSpec.ParseKind(name), learningRate, momentum).Create();

    public void Dispose()
    {
        foreach (var s in _state.Values) foreach (var b in s) b.Dispose();
        _state.Clear();
        GC.SuppressFinalize(this);
    }
}

/// <summary>An optimizer's state on the host: its step count and each parameter's state buffers (see <see cref="Optimizer.Export"/>).</summary>
public sealed record OptimizerState(int Steps, float[][][] Buffers);

/// <summary>Stochastic gradient descent with optional (heavy-ball) momentum and weight decay.</summary>
public sealed class Sgd : Optimizer
{
    public Sgd(float learningRate, float momentum = 0f, float weightDecay = 0f)
    {
        LearningRate = learningRate;
        Momentum = momentum;
        WeightDecay = weightDecay;
    }

    public float Momentum { get; }
    public float WeightDecay { get; }
    public override string Name => Momentum > 0 ? $"sgd(momentum={Momentum})" : "sgd";
    protected override int StateBuffersPerParameter => 1;

    protected override void Update(Accelerator accelerator, ReadOnlySpan<OptimizerTensor> tensors) =>
        accelerator.SgdUpdateMany(tensors, LearningRate, Momentum, WeightDecay);
}

/// <summary>Adam (Kingma and Ba 2015) with the usual defaults.</summary>
public sealed class Adam : Optimizer
{
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        LearningRate = learningRate;
        Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
    }

    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Epsilon { get; }
    public override string Name => "adam";
    protected override int StateBuffersPerParameter => 2;

    protected override void Update(Accelerator accelerator, ReadOnlySpan<OptimizerTensor> tensors) =>
        accelerator.AdamUpdateMany(tensors, LearningRate, Beta1, Beta2, Epsilon, StepCount);
}

/// <summary>
/// Adadelta (Zeiler 2012) with PyTorch's defaults: per-weight step sizes from running averages
/// of squared gradients and squared updates; the learning rate only scales the update.
/// </summary>
public sealed class Adadelta : Optimizer
{
    public Adadelta(float learningRate = 1f, float rho = 0.9f, float epsilon = 1e-6f)
    {
        if (!(rho >= 0f && rho < 1f)) throw new ArgumentException($"Adadelta: rho must be in [0, 1), got {rho}");
        if (!(epsilon > 0f)) throw new ArgumentException($"Adadelta: epsilon must be positive, got {epsilon}");
        LearningRate = learningRate;
        Rho = rho; Epsilon = epsilon;
    }

    public float Rho { get; }
    public float Epsilon { get; }
    public override string Name => "adadelta";
    protected override int StateBuffersPerParameter => 2;

    protected override void Update(Accelerator accelerator, ReadOnlySpan<OptimizerTensor> tensors) =>
        accelerator.AdadeltaUpdateMany(tensors, LearningRate, Rho, Epsilon);
}
