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

    public int Run()
    {
        if (Experiment is null)
        {
            foreach (var p in Experiments.All) Console.WriteLine($"{p.Name,-20} {p.Description}");
            return 0;
        }
        var presets = Experiment == "all" ? Experiments.All.ToList() : [Experiments.Find(Experiment)];
        using var acc = OpenAccelerator();
        var observer = new ConsoleObserver();
        foreach (var preset in presets)
        {
            string folder = Path.Combine(Out, preset.Name + (Quick ? "-quick" : ""));
            Directory.CreateDirectory(folder);
            Console.WriteLine($"reproduce {preset.Name} ({(Quick ? "quick" : "full")}) on {acc}: {preset.Description}");
            var context = new ReproduceContext(acc, DataDir, folder, Quick, observer);
            preset.Run(context);
            context.WriteComparison(preset.Name, preset.Paper);
            Console.WriteLine(File.ReadAllText(Path.Combine(folder, "comparison.md")));
            Console.WriteLine($"wrote {Path.GetFullPath(folder)}/ (comparison.csv, comparison.md and the runs)");
        }
        return 0;
    }
}
