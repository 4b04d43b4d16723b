using GpuAE.Compute;
using GpuAE.Layers;

namespace GpuAE.Losses;

/// <summary>
/// A training objective. The objective is summed over a sample's outputs and averaged over the
/// batch (as the Theano denoising-autoencoder tutorial does, so its learning rates carry over);
/// reported values are per output element. Compute writes the gradient with respect to the
/// output of layer <see cref="LossGradient.Layer"/>, where backward starts, and a per-row sum
/// of the loss that the trainer accumulates on the device.
/// </summary>
public abstract class Loss : IDisposable
{
    protected Accelerator Accelerator { get; private set; } = null!;
    public DeviceBuffer Gradient { get; private set; } = null!;
    public DeviceBuffer RowLoss { get; private set; } = null!;

    public abstract string Name { get; }

    public void Build(Accelerator accelerator, Network network)
    {
        Accelerator = accelerator;
        Validate(network);
        Gradient = accelerator.Allocate(network.MaxBatch * network.OutputShape.Size);
        RowLoss = accelerator.Allocate(network.MaxBatch);
    }

    protected virtual void Validate(Network network) { }

    public abstract LossGradient Compute(Network network, DeviceBuffer target, int rows);

    /// <summary>How many loss terms one sample contributes (to report a per-element mean).</summary>
    public virtual int TermsPerSample(Network network) => network.OutputShape.Size;

    public static Loss Create(LossKind kind) => kind switch
    {
        LossKind.Mse => new MeanSquaredError(),
        LossKind.Bce => new BinaryCrossEntropy(),
        _ => new SoftmaxCrossEntropy(),
    };

    /// <summary>The loss a checkpoint's config names (mse, bce, softmax-ce).</summary>
    public static Loss Create(string name) => Create(LossKinds.Parse(name));

    public void Dispose()
    {
        Gradient?.Dispose();
        RowLoss?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The gradient buffer and the index of the layer whose output it belongs to.</summary>
public readonly record struct LossGradient(DeviceBuffer Gradient, int Layer);

public sealed class MeanSquaredError : Loss
{
    public override string Name => "mse";

    public override LossGradient Compute(Network network, DeviceBuffer target, int rows)
    {
        int cols = network.OutputShape.Size;
        Accelerator.MseLoss(network.Output, target, Gradient, RowLoss, rows, cols, 1f / rows);
        return new LossGradient(Gradient, network.Layers.Count - 1);
    }
}

/// <summary>
/// Binary cross-entropy, computed from the logits that feed the final Sigmoid layer so it stays
/// finite for saturated outputs; the gradient skips the Sigmoid (d/dz = sigmoid(z) - t).
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    public override string Name => "bce";

    protected override void Validate(Network network)
    {
        if (network.Layers[^1] is not Sigmoid || network.Layers.Count < 2)
            throw new ArgumentException("bce loss needs a model whose last layer is Sigmoid (use --loss mse otherwise)");
    }

    public override LossGradient Compute(Network network, DeviceBuffer target, int rows)
    {
        int cols = network.OutputShape.Size;
        var logits = network.Layers[^2].Output;
        Accelerator.BceWithLogitsLoss(logits, target, Gradient, RowLoss, rows, cols, 1f / rows);
        return new LossGradient(Gradient, network.Layers.Count - 2);
    }
}

/// <summary>Softmax cross-entropy on the last layer's logits; targets are class indices.</summary>
public sealed class SoftmaxCrossEntropy : Loss
{
    public override string Name => "softmax-ce";

    public override int TermsPerSample(Network network) => 1;

    public override LossGradient Compute(Network network, DeviceBuffer target, int rows)
    {
        int classes = network.OutputShape.Size;
        Accelerator.SoftmaxCrossEntropyLoss(network.Output, target, Gradient, RowLoss, rows, classes, 1f / rows);
        return new LossGradient(Gradient, network.Layers.Count - 1);
    }
}
