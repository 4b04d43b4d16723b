using GpuAE.Progress;

namespace GpuAE.Training;

/// <summary>What the trainers tell their observer while they work (the CLI draws a progress bar or prints lines).</summary>
public interface ITrainingObserver
{
    /// <summary>
    /// How often <see cref="OnProgress"/> is wanted; null: never. The running loss lives on the
    /// device and is read only at this interval, so progress costs no host round trip per step.
    /// </summary>
    TimeSpan? ProgressInterval => TimeSpan.FromSeconds(1);

    /// <summary>Mid-task, about once per <see cref="ProgressInterval"/>.</summary>
    void OnProgress(WorkProgress progress);

    /// <summary>After each evaluated epoch.</summary>
    void OnEpoch(IEpochRecord record, int epochs);

    /// <summary>A line to show as it is (a stage starting, a warning).</summary>
    void OnMessage(string line);
}

public sealed class SilentObserver : ITrainingObserver
{
    public static readonly SilentObserver Instance = new();
    public TimeSpan? ProgressInterval => null;
    public void OnProgress(WorkProgress progress) { }
    public void OnEpoch(IEpochRecord record, int epochs) { }
    public void OnMessage(string line) { }
}

/// <summary>An observer that puts a context before every progress label ("fold 2/5", "cell 3").</summary>
public sealed class PrefixedObserver(ITrainingObserver inner, string prefix) : ITrainingObserver
{
    public TimeSpan? ProgressInterval => inner.ProgressInterval;
    public void OnProgress(WorkProgress p) => inner.OnProgress(p with { Label = $"{prefix} {p.Label}" });
    public void OnEpoch(IEpochRecord record, int epochs) => inner.OnEpoch(record, epochs);
    public void OnMessage(string line) => inner.OnMessage(line);
}
