using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Classification;

/// <summary>
/// Successive <see cref="ClassifierFit"/> runs on one network (fine-tuning, then each
/// self-training round) kept as one curve: the epochs are numbered on from the previous fit's
/// last, metrics.csv is rewritten with the whole sequence after every evaluation, and
/// <see cref="Run"/> returns every record so far with the latest test result.
/// </summary>
public sealed class ClassifierFitSequence(ClassifierRunOutputs outputs)
{
    private readonly List<ClassifierEpochRecord> _records = [];
    private double _seconds;

    public ClassifierFitResult Run(Accelerator acc, Network network, Optimizer optimizer, Dataset train, Dataset test, ClassifierFit.Settings s,
        ITrainingObserver observer)
    {
        int offset = _records.Count == 0 ? 0 : _records[^1].Epoch;
        var earlier = _records.ToArray();
        var fit = ClassifierFit.Run(acc, network, optimizer, train, test, s, observer,
            records => outputs.WriteMetrics(earlier.Concat(records.Select(r => r with { Epoch = r.Epoch + offset }))));
        _records.AddRange(fit.Epochs.Select(r => r with { Epoch = r.Epoch + offset }));
        _seconds += fit.WallSeconds;
        return new ClassifierFitResult([.. _records], fit.Test, _seconds);
    }
}
