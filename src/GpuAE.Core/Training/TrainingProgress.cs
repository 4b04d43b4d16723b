namespace GpuAE.Training;

/// <summary>What the trainer tells its observer while it works (the CLI draws a progress line).</summary>
public interface ITrainingObserver
{
    /// <summary>Mid-epoch, about once a second: images done so far and the running loss.</summary>
    void OnProgress(int epoch, int epochs, int imagesDone, int imagesTotal, double runningLoss, double imagesPerSecond, TimeSpan eta);

    /// <summary>After each epoch's evaluation.</summary>
    void OnEpoch(EpochRecord record, int epochs);

    void OnMessage(string line);

    /// <summary>After each evaluation of a classifier (train on classifier models, stacked, classify --folds).</summary>
    void OnClassifierEpoch(Classification.ClassifierEpochRecord r, int epochs) =>
        OnMessage(r.Line(epochs));
}

public sealed class SilentObserver : ITrainingObserver
{
    public static readonly SilentObserver Instance = new();
    public void OnProgress(int epoch, int epochs, int imagesDone, int imagesTotal, double runningLoss, double imagesPerSecond, TimeSpan eta) { }
    public void OnEpoch(EpochRecord record, int epochs) { }
    public void OnMessage(string line) { }
}
