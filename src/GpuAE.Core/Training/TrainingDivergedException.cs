using System.Globalization;

namespace GpuAE.Training;

/// <summary>
/// Training stopped because its loss stopped being a number (NaN or infinite) or passed a bound
/// no healthy run reaches (<see cref="LossGuard.ImpossibleLoss"/> per pixel or image). The
/// message is the one line the CLI prints (exit code 4): where it happened, the last finite loss
/// and what to try. What the run wrote after its last finished epoch stays as it was.
/// </summary>
public sealed class TrainingDivergedException(int epoch, int step, int steps, double loss, LossGuard.Reading? lastFinite)
    : Exception(Describe(epoch, step, steps, loss, lastFinite))
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
    public LossGuard.Reading? LastFinite { get; } = lastFinite;

    /// <summary>What the run folder kept ("runs/x keeps the checkpoint and metrics of epoch 3"), added by the trainer.</summary>
    public string? Kept { get; set; }

    public override string Message => Kept is null ? base.Message : $"{base.Message}; {Kept}";

    private static string Describe(int epoch, int step, int steps, double loss, LossGuard.Reading? last)
    {
        string what = double.IsFinite(loss) ? $"rose to {G(loss)}, beyond any healthy run" : $"became {G(loss)}";
        string before = last is { } r ? $"; the last finite loss was {G(r.Loss)} (epoch {r.Epoch}, step {r.Step})" : "";
        return $"training diverged: at epoch {epoch}, step {step}/{steps} the training loss {what}{before}; try a lower --lr (or another --optimizer)";
    }

    private static string G(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
