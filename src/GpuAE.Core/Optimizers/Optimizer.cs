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

    public void Step(Accelerator accelerator, IEnumerable<Parameter> parameters)
    {
        StepCount++;
        foreach (var p in parameters)
        {
            if (!_state.TryGetValue(p, out var state))
            {
                state = new DeviceBuffer[StateBuffersPerParameter];
                for (int i = 0; i < state.Length; i++)
                {
                    state[i] = accelerator.Allocate(p.Length);
                    accelerator.Fill(state[i], p.Length, 0f);
                }
                _state[p] = state;
            }
            Update(accelerator, p, state);
        }
    }

    protected abstract void Update(Accelerator accelerator, Parameter p, DeviceBuffer[] state);

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

    protected override void Update(Accelerator accelerator, Parameter p, DeviceBuffer[] state) =>
        accelerator.SgdUpdate(p.Value, p.Gradient, state[0], p.Length, LearningRate, Momentum, WeightDecay);
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

    protected override void Update(Accelerator accelerator, Parameter p, DeviceBuffer[] state) =>
        accelerator.AdamUpdate(p.Value, p.Gradient, state[0], state[1], p.Length, LearningRate, Beta1, Beta2, Epsilon, StepCount);
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

    protected override void Update(Accelerator accelerator, Parameter p, DeviceBuffer[] state) =>
        accelerator.AdadeltaUpdate(p.Value, p.Gradient, state[0], state[1], p.Length, LearningRate, Rho, Epsilon);
}
