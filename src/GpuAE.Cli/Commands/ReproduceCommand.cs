using CommandLine;
using GpuAE.Reproduce;

namespace GpuAE.Cli.Commands;

[Verb("reproduce", HelpText = "Rerun a seed paper's denoising experiment and put its numbers beside GpuAE's.")]
public sealed class ReproduceOptions : DeviceOptions, ICommand
{
    [Value(0, MetaName = "experiment", HelpText = "an experiment listed below, or all (default: list them)")]
    public string? Experiment { get; set; }

    [Option("quick", HelpText = "scale data and epochs down to a few minutes on two CPU cores")] public bool Quick { get; set; }
    [Option("out", Default = "runs/reproduce", HelpText = "folder for the experiments' folders (EXPERIMENT[-quick]/)")] public string Out { get; set; } = "runs/reproduce";
    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")] public string DataDir { get; set; } = "data";
    [Option("force", HelpText = "run an experiment again whose folder already holds results (its folder is removed first; default: refuse)")] public bool Force { get; set; }
    [Option("resume", HelpText = "continue: skip experiments already done, continue interrupted ones (their finished sweep cells and epochs are kept)")] public bool Resume { get; set; }

    public int Run()
    {
        if (Experiment is null)
        {
            foreach (var p in Experiments.All) Console.WriteLine($"{p.Name,-20} {p.Description}");
            return 0;
        }
        if (Force && Resume) throw new UsageException("--force and --resume: choose one (run again, or continue)");
        var presets = Experiment == "all" ? Experiments.All.ToList() : [Experiments.Find(Experiment)];
        var todo = presets.Where(p => PrepareFolder(FolderOf(p))).ToList(); // every folder checked before any work
        using var acc = OpenAccelerator();
        var observer = new ConsoleObserver();
        foreach (var preset in todo)
        {
            string folder = FolderOf(preset);
            Console.WriteLine($"reproduce {preset.Name} ({(Quick ? "quick" : "full")}) on {acc}: {preset.Description}");
            var context = new ReproduceContext(acc, DataDir, folder, Quick, observer);
            preset.Run(context);
            context.WriteComparison(preset.Name, preset.Paper);
            Console.WriteLine(File.ReadAllText(Path.Combine(folder, "comparison.md")));
            Console.WriteLine($"wrote {Path.GetFullPath(folder)}/ (comparison.csv, comparison.md and the runs)");
        }
        return 0;
    }

    private string FolderOf(Experiments.Preset preset) => Path.Combine(Out, preset.Name + (Quick ? "-quick" : ""));

    /// <summary>
    /// Whether to run a preset into its folder: a folder with results is refused unless --force
    /// (removed, run again) or --resume (a finished preset is skipped, an interrupted one continued).
    /// </summary>
    private bool PrepareFolder(string folder)
    {
        IO.OutputFolder.RefuseFile(folder, "--out");
        bool finished = File.Exists(Path.Combine(folder, "comparison.csv"));
        bool used = Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
        if (used && Force) Directory.Delete(folder, recursive: true);
        else if (finished && Resume) { Console.WriteLine($"{folder}: done already (comparison.csv); skipped"); return false; }
        else if (used && !Resume)
            throw new IO.OutputFolderException($"reproduce: {folder} holds {(finished ? "this experiment's results" : "an interrupted run of this experiment")}; " +
                "use --resume to continue (or skip) it, --force to run it again, or another --out");
        IO.OutputFolder.EnsureWritable(folder);
        return true;
    }
}
