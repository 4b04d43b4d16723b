namespace GpuAE.Compute;

/// <summary>
/// A fixed sequence of ops (a training step's forward, loss and backward on fixed buffers and
/// sizes) that an accelerator may record once and replay: on CUDA, a CUDA graph replaces each
/// launch's host overhead (about 4 us) by one graph launch. <see cref="Run"/> runs the work the
/// first time (or every time, where nothing can be recorded); the work must then queue the same
/// ops on the same buffers with the same arguments every time, read nothing back to the host
/// and synchronise nothing.
/// </summary>
public abstract class StepGraph : IDisposable
{
    /// <summary>True once a recorded graph is being replayed.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Why this accelerator runs the work eagerly instead (null while a graph replays or before the first run).</summary>
    public string? FallbackReason { get; protected set; }

    public abstract void Run(Action work);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>The fallback: runs the work every time.</summary>
public sealed class EagerStepGraph(string reason) : StepGraph
{
    public override bool IsReplaying => false;

    public override void Run(Action work)
    {
        FallbackReason = reason;
        work();
    }
}
