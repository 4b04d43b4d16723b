using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Optimizers;

namespace GpuAE.Training;

/// <summary>
/// The device-resident training step of a denoising autoencoder:
/// upload clean batch -> corrupt on the device -> forward -> loss against the clean batch ->
/// backward -> optimizer. The loss is summed into a device accumulator that the host reads only
/// when it reports progress; after the first step nothing is allocated.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly Accelerator _acc;
    private readonly DeviceBuffer _noisy;
    private readonly DeviceLossTotal _lossTotal;

    public TrainingSession(Accelerator accelerator, Network network, Loss loss, Optimizer optimizer, Dataset train, NoiseSpec noise, ulong seed)
    {
        _acc = accelerator;
        Network = network;
        Loss = loss;
        Optimizer = optimizer;
        Train = train;
        Noise = noise;
        Seed = seed;
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
    public BatchFeeder Feeder { get; }
    public DeviceBuffer NoisyBatch => _noisy;

    /// <summary>The epoch's sample order: a Fisher-Yates shuffle drawn from Philox (counter (i, 0, epoch, 4)).</summary>
    public int[] ShuffledOrder(uint epoch) => ShuffledOrder(Train.Count, Seed, epoch);

    /// <summary>A permutation of 0..count-1 fixed by (seed, epoch), the same on every device.</summary>
    public static int[] ShuffledOrder(int count, ulong seed, uint epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int i = order.Length - 1; i > 0; i--)
        {
            var (r0, _, _, _) = Philox4x32.Generate((uint)i, 0u, epoch, 4u, k0, k1);
            int j = (int)(r0 % (uint)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// One step on order[start .. start+rows). The noise counter is the sample's position in the
    /// epoch, so a seed fixes every noisy image regardless of device or thread count.
    /// </summary>
    public void Step(int[] order, int start, int rows, uint epoch, uint batch)
    {
        Feeder.Load(order, start, rows);
        _acc.ApplyNoise(Feeder.Images, _noisy, rows, Train.Height, Train.Width, Noise.Resolve(Seed, epoch, batch), Seed, epoch, (uint)start);
        Network.Forward(_noisy, rows, training: true);
        var gradient = Loss.Compute(Network, Feeder.Images, rows);
        _lossTotal.Add(Loss.RowLoss, rows);
        Network.Backward(gradient.Gradient, rows, gradient.Layer);
        Optimizer.Step(_acc, Network.Parameters);
    }

    /// <summary>Reads and clears the accumulated loss (a sum over samples of their loss sums).</summary>
    public double TakeLossSum() => _lossTotal.Take();

    /// <summary>Reads the accumulated loss without clearing it (progress lines).</summary>
    public double PeekLossSum() => _lossTotal.Peek();

    public void Dispose()
    {
        Feeder.Dispose();
        _noisy.Dispose();
        _lossTotal.Dispose();
    }
}
