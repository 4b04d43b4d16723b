using GpuAE.Compute;
using GpuAE.Compute.Tuning;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Metrics;
using GpuAE.Optimizers;
using GpuAE.Kernels.Noise;
using GpuAE.Progress;

namespace GpuAE.Training;

/// <summary>
/// The device-resident training step, of a denoising autoencoder or of a classifier:
/// load the batch (gathered on the device from a split kept there, else copied from the host and
/// uploaded: <see cref="BatchFeeder"/>) -> corrupt on the device -> forward -> loss against the clean batch (an
/// autoencoder) or the labels (a classifier) -> backward down to the first trainable layer ->
/// optimizer on the trainable layers. Layers below FirstTrainableLayer stay frozen (the stacked
/// autoencoder's `--finetune softmax`). The loss is summed into a device accumulator that the
/// host reads only when it reports progress; after the first step nothing is allocated.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly Accelerator _acc;
    private readonly DeviceBuffer _noisy;
    private readonly DeviceLossTotal _lossTotal;
    private readonly List<Parameter> _trainable;
    private readonly bool _ownsLoss;

    /// <summary>
    /// A session training against the clean batch (an autoencoder's reconstruction loss) or the
    /// labels (softmax cross-entropy, a classifier); layers below firstTrainableLayer stay frozen.
    /// The split stays on the device where <see cref="SplitResidence.For"/> allows, unless
    /// <paramref name="residence"/> says otherwise.
    /// </summary>
    public TrainingSession(Accelerator accelerator, Network network, Loss loss, Optimizer optimizer, Dataset train, NoiseSpec noise, ulong seed, int firstTrainableLayer = 0,
        SplitResidence? residence = null)
        : this(accelerator, network, loss, optimizer, train, noise, seed, firstTrainableLayer, ownsLoss: false, residence) { }

    /// <summary>A classifier's session with its own softmax cross-entropy loss.</summary>
    public static TrainingSession ForClassifier(Accelerator accelerator, Network network, Optimizer optimizer, Dataset train, NoiseSpec noise, ulong seed, int firstTrainableLayer = 0,
        SplitResidence? residence = null)
    {
        var loss = new SoftmaxCrossEntropy();
        loss.Build(accelerator, network);
        return new TrainingSession(accelerator, network, loss, optimizer, train, noise, seed, firstTrainableLayer, ownsLoss: true, residence);
    }

    private TrainingSession(Accelerator accelerator, Network network, Loss loss, Optimizer optimizer, Dataset train, NoiseSpec noise, ulong seed,
        int firstTrainableLayer, bool ownsLoss, SplitResidence? residence)
    {
        if (firstTrainableLayer < 0 || firstTrainableLayer >= network.Layers.Count)
            throw new ArgumentOutOfRangeException(nameof(firstTrainableLayer), $"first trainable layer {firstTrainableLayer} outside 0..{network.Layers.Count - 1}");
        FirstTrainableLayer = firstTrainableLayer;
        _trainable = network.Layers.Skip(firstTrainableLayer).SelectMany(l => l.Parameters).ToList();
        _ownsLoss = ownsLoss;
        _acc = accelerator;
        Network = network;
        Loss = loss;
        Optimizer = optimizer;
        Train = train;
        Noise = noise;
        Seed = seed;
        Feeder = new BatchFeeder(accelerator, train, network.MaxBatch, residence ?? SplitResidence.For(accelerator.Info, train.Count, train.SampleSize));
        _noisy = accelerator.Allocate(network.MaxBatch * network.InputShape.Size);
        _lossTotal = new DeviceLossTotal(accelerator);
        Guard = new LossGuard(accelerator.Info.IsGpu ? LossGuard.GpuInterval : 1);
    }

    public Network Network { get; }
    public Loss Loss { get; }
    public Optimizer Optimizer { get; }
    public Dataset Train { get; }
    public NoiseSpec Noise { get; }
    public ulong Seed { get; }
    public BatchFeeder Feeder { get; }
    /// <summary>Softmax cross-entropy trains against the labels; every other loss against the clean images.</summary>
    public bool TargetIsLabel => Loss is SoftmaxCrossEntropy;
    public int FirstTrainableLayer { get; }
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
        Feeder.Load(order, start, rows, withLabels: TargetIsLabel);
        _acc.ApplyNoise(Feeder.Images, _noisy, rows, Train.Height, Train.Width, Noise.Resolve(Seed, epoch, batch), Seed, epoch, (uint)start);
        if (_graph is not null && rows == Network.MaxBatch && ++_fullSteps > EagerStepsBeforeRecording) _graph.Run(_forwardBackward!);
        else ForwardBackward(rows);
        Optimizer.Step(_acc, _trainable);
    }

    /// <summary>Forward, loss (summed on the device) and backward on the noisy batch: the part of a step a graph can record.</summary>
    private void ForwardBackward(int rows)
    {
        Network.Forward(_noisy, rows, training: true);
        var gradient = Loss.Compute(Network, TargetIsLabel ? Feeder.Labels : Feeder.Images, rows);
        _lossTotal.Add(Loss.RowLoss, rows);
        Network.Backward(gradient.Gradient, rows, gradient.Layer, FirstTrainableLayer);
    }

    /// <summary>Full-batch steps run eagerly before the graph is recorded (the first allocates lazily grown scratch).</summary>
    private const int EagerStepsBeforeRecording = 2;

    private StepGraph? _graph;
    private Action? _forwardBackward;
    private int _fullSteps;

    /// <summary>
    /// Records the forward, loss and backward of a full-batch step once as a step graph and
    /// replays it (CUDA graphs; elsewhere it runs eagerly, and <see cref="GraphNote"/> says why).
    /// Loading the batch, noise and the optimizer stay outside: their arguments change every step.
    /// The batch lands in the same fixed buffer either way, so the graph reads it wherever it came
    /// from. The device gather stays a plain launch before the graph, next to the noise: inside it,
    /// its row offset would have to come from a device buffer, written by an upload per step (the
    /// very thing the gather removes) or by a step-counter kernel (one more launch, to save one).
    /// A network with dropout cannot be recorded (its mask counter changes every step).
    /// `asked`: true records (or says in GraphNote why not), null only where the device can
    /// (Accelerator.RecordsStepGraphs: CUDA; TrainingOptions.StepGraph's default), false never.
    /// </summary>
    public void UseStepGraph(bool? asked = true)
    {
        if (_graph is not null || !(asked ?? _acc.RecordsStepGraphs)) return;
        if (Network.Layers.Any(l => l.VariesPerStep)) { GraphNote = "the network has dropout, whose mask changes every step"; return; }
        _graph = _acc.CreateStepGraph();
        _forwardBackward = () => ForwardBackward(Network.MaxBatch);
    }

    /// <summary>True while full-batch steps replay a recorded graph.</summary>
    public bool GraphReplaying => _graph?.IsReplaying == true;

    /// <summary>Why steps are not replayed from a graph, when they were asked to be.</summary>
    public string? GraphNote { get => _graphNote ?? _graph?.FallbackReason; private set => _graphNote = value; }

    private string? _graphNote;

    /// <summary>
    /// Tunes the hot ops' kernel variants for this model on its accelerator (KernelTuner): walks
    /// one forward and backward pass with <see cref="Accelerator.ShapesOnly"/> set, so the shapes
    /// are learned without changing any state, then times the variants on those shapes (or reads
    /// the choices from the cache).
    /// </summary>
    public IReadOnlyList<TuningChoice> TuneKernels(TuningCache? cache, Action<string>? progress = null)
    {
        int rows = Math.Min(Network.MaxBatch, Train.Count);
        Feeder.Load(ShuffledOrder(1), 0, rows, withLabels: TargetIsLabel);
        var shapes = new HashSet<ShapeKey>();
        _acc.ShapesSeen = shapes;
        _acc.ShapesOnly = true;
        try
        {
            Network.Forward(_noisy, rows, training: true);
            var gradient = Loss.Compute(Network, TargetIsLabel ? Feeder.Labels : Feeder.Images, rows);
            Network.Backward(gradient.Gradient, rows, gradient.Layer, FirstTrainableLayer);
        }
        finally
        {
            _acc.ShapesOnly = false;
            _acc.ShapesSeen = null;
        }
        return KernelTuner.Tune(_acc, shapes, cache, progress);
    }

    /// <summary>Stops the run at a non-finite or impossible loss (read every step on the CPU, every few on a GPU).</summary>
    public LossGuard Guard { get; }

    /// <summary>
    /// One pass over the shuffled training split, reporting progress at the observer's interval
    /// and letting <see cref="Guard"/> read the running loss (the only reads from the device);
    /// returns the mean loss per term (per pixel for autoencoders, per image for classifiers)
    /// and the seconds it took. A loss that diverges throws <see cref="TrainingDivergedException"/>
    /// before the epoch ends.
    /// </summary>
    public (double Loss, double Seconds) RunEpoch(uint epoch, int epochs, ITrainingObserver observer)
    {
        int n = Train.Count, batch = Network.MaxBatch, steps = (n + batch - 1) / batch;
        var order = ShuffledOrder(epoch);
        TakeLossSum();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var interval = observer.ProgressInterval;
        double every = interval?.TotalSeconds ?? double.PositiveInfinity, nextReport = every;
        int terms = Loss.TermsPerSample(Network);
        uint b = 0;
        for (int start = 0; start < n; start += batch, b++)
        {
            int rows = Math.Min(batch, n - start), done = start + rows, step = (int)b + 1;
            Step(order, start, rows, epoch, b);
            double elapsed = clock.Elapsed.TotalSeconds;
            bool report = elapsed >= nextReport;
            if (!report && !Guard.Due(step, steps)) continue;
            double mean = PeekLossSum() / ((double)done * terms);
            Guard.Check((int)epoch, step, steps, mean);
            if (!report) continue;
            nextReport = elapsed + every;
            double rate = done / elapsed;
            var eta = TimeSpan.FromSeconds((n - done) / rate + (epochs - (int)epoch) * n / rate);
            observer.OnProgress(new WorkProgress($"epoch {epoch}/{epochs}", done, n, "images", mean, rate, eta));
        }
        double lossSum = TakeLossSum(); // waits for the device: the epoch's time includes all its work
        double loss = lossSum / ((double)n * terms);
        Guard.Check((int)epoch, steps, steps, loss);
        return (loss, clock.Elapsed.TotalSeconds);
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
        _graph?.Dispose();
        if (_ownsLoss) Loss.Dispose();
    }
}
