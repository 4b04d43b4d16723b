namespace GpuAE.Training;

/// <summary>
/// Watches the running training loss of an epoch and stops the run at the first reading that
/// is not finite or is above <see cref="ImpossibleLoss"/>. Readings cost a device-to-host copy:
/// on the CPU accelerator every step is read, on a GPU every <see cref="GpuInterval"/> steps
/// (the loss sum keeps a NaN once it has one, so a later reading still sees it).
/// </summary>
public sealed class LossGuard(int interval)
{
    /// <summary>A mean loss per pixel (autoencoders) or per image (classifiers) no healthy run reaches: their losses are of order 1.</summary>
    public const double ImpossibleLoss = 1e6;

    /// <summary>Steps between readings on a GPU, where a reading waits for the device.</summary>
    public const int GpuInterval = 20;

    /// <summary>A finite mean loss and where it was read.</summary>
    public readonly record struct Reading(int Epoch, int Step, double Loss);

    public int Interval { get; } = Math.Max(1, interval);

    /// <summary>The last finite reading (across epochs), or null before the first.</summary>
    public Reading? LastFinite { get; private set; }

    /// <summary>Whether step (1-based) is one to read the loss at.</summary>
    public bool Due(int step, int steps) => step % Interval == 0 || step == steps;

    /// <summary>Records a mean loss read at (epoch, step) or throws <see cref="TrainingDivergedException"/>.</summary>
    public void Check(int epoch, int step, int steps, double meanLoss)
    {
        if (!double.IsFinite(meanLoss) || meanLoss > ImpossibleLoss)
            throw new TrainingDivergedException(epoch, step, steps, meanLoss, LastFinite);
        LastFinite = new Reading(epoch, step, meanLoss);
    }
}
