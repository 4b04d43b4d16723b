using GpuAE.Cli.Output;
using GpuAE.Progress;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

/// <summary>
/// Training on the console: progress within epochs through <see cref="ProgressDisplay"/> (a bar
/// on a terminal, periodic lines in logs, nothing with --quiet) and a line per evaluated epoch.
/// </summary>
public sealed class ConsoleObserver(ProgressDisplay? display = null) : ITrainingObserver
{
    private readonly ProgressDisplay _display = display ?? ProgressDisplay.Console;

    public TimeSpan? ProgressInterval => _display.ReportInterval;

    public void OnProgress(WorkProgress progress) => _display.Update(progress);

    public void OnEpoch(IEpochRecord r, int epochs) => _display.WriteLine(r.Line(epochs));

    public void OnMessage(string line) => _display.WriteLine(line);
}
