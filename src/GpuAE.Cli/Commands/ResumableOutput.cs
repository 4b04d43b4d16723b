namespace GpuAE.Cli.Commands;

/// <summary>
/// The --out check of the commands that can continue a killed run (stacked, classify --folds),
/// made before any work: another run's folder needs --force; --resume needs this run's state there.
/// </summary>
public static class ResumableOutput
{
    public static void Check(string folder, bool force, bool resume)
    {
        if (resume && force) throw new UsageException("--force and --resume: choose one (start over, or continue)");
        if (!resume)
        {
            IO.OutputFolder.PrepareNew(folder, "--out", force);
            if (force) IO.OutputFolder.RemoveRunFiles(folder);
            return;
        }
        IO.OutputFolder.RefuseFile(folder, "--out");
        if (!Training.ResumeState.ExistsIn(folder))
            throw new UsageException($"--resume: '{folder}' has no {Training.ResumeState.FileName} (nothing to continue; drop --resume to start)");
        IO.OutputFolder.EnsureWritable(folder);
    }
}
