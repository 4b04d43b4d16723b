using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Classification;

/// <summary>
/// The device-resident training step of a classifier:
/// upload images and labels -> corrupt on the device (optional) -> forward -> softmax
/// cross-entropy against the labels -> backward down to the first trainable layer -> optimizer
/// on the trainable layers' parameters. Layers below <see cref="FirstTrainableLayer"/> stay
/// frozen (the stacked autoencoder's `--finetune softmax`).
/// </summary>
public sealed class ClassifierSession : IDisposable
{
    private readonly Accelerator _acc;
    private readonly DeviceBuffer _noisy;
    private readonly DeviceLossTotal _lossTotal;
    private readonly List<Parameter> _trainable;

    public ClassifierSession(Accelerator accelerator, Network network, Optimizer optimizer, Dataset train, NoiseSpec noise, ulong seed, int firstTrainableLayer = 0)
    {
        if (firstTrainableLayer < 0 || firstTrainableLayer >= network.Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(firstTrainableLayer), $"first trainable layer {firstTrainableLayer} outside 0..{network.Layers.Count - 1}");
        _acc = accelerator;
        Network = network;
        Optimizer = optimizer;
        Train = train;
        Noise = noise;
        Seed = seed;
        FirstTrainableLayer = firstTrainableLayer;
        _trainable = network.Layers.Skip(firstTrainableLayer).SelectMany(l => l.Parameters).ToList();
        Loss = new SoftmaxCrossEntropy();
        Loss.Build(accelerator, network);
        Feeder = new BatchFeeder(accelerator, train, network.MaxBatch);
        _noisy = accelerator.Allocate(network.MaxBatch * network.InputShape.Size);
        _lossTotal = new DeviceLossTotal(accelerator);
    }

    public Network Network { get; }
    public Loss Loss { get; }
    public Optimizer Optimizer { get; }
    public Dataset Train { get; }
    public NoiseSpec Noise { get; }
    public ulong Seed { get; }
    public int FirstTrainableLayer { get; }
    public BatchFeeder Feeder { get; }

    /// <summary>One step on order[start .. start+rows); the noise counters match the autoencoder trainer's.</summary>
    public void Step(int[] order, int start, int rows, uint epoch, uint batch)
    {
        Feeder.Load(order, start, rows, withLabels: true);
        _acc.ApplyNoise(Feeder.Images, _noisy, rows, Train.Height, Train.Width, Noise.Resolve(Seed, epoch, batch), Seed, epoch, (uint)start);
        Network.Forward(_noisy, rows, training: true);
        var gradient = Loss.Compute(Network, Feeder.Labels, rows);
        _lossTotal.Add(Loss.RowLoss, rows);
        Network.Backward(gradient.Gradient, rows, gradient.Layer, FirstTrainableLayer);
        Optimizer.Step(_acc, _trainable);
    }

    /// <summary>Reads and clears the summed per-sample loss.</summary>
    public double TakeLossSum() => _lossTotal.Take();

    public double PeekLossSum() => _lossTotal.Peek();

    public void Dispose()
    {
        Feeder.Dispose();
        Loss.Dispose();
        _noisy.Dispose();
        _lossTotal.Dispose();
    }
}
