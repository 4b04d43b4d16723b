using CommandLine;
using GpuAE.Reproduce;

namespace GpuAE.Cli.Commands;

[Verb("reproduce", HelpText = "Rerun a study's experiment with its recipe and put every number it reports beside GpuAE's; `reproduce results DIR` writes the README's tables from run folders.")]
public sealed class ReproduceOptions : DeviceOptions, ICommand
{
    [Value(0, MetaName = "experiment", HelpText = "an experiment listed below, all, or results (default: list them)")]
    public string? Experiment { get; set; }

    [Value(1, MetaName = "folder", HelpText = "with results: the --out folder of earlier reproduce runs")]
    public string? Folder { get; set; }

    [Option("quick", HelpText = "scale data and epochs down to a few minutes on two CPU cores (deep-denoise-classify: the small model variants)")] public bool Quick { get; set; }
    [Option("real-size", HelpText = "with --quick: deep-denoise-classify's real-size VGG-16, AlexNet (224) and ResNet-18 on the quick scale, a short GPU check")]
    public bool RealSize { get; set; }
    [Option("recipe", Default = "paper", HelpText = "paper: the study's recipe as its text gives it; best: GpuAE's better recipe where a preset has one")] public string Recipe { get; set; } = "paper";
    [Option("seeds", Default = "1", HelpText = "seeds to run, e.g. 1-5 or 1,3,7: with several, each number is the mean with its standard deviation and 95 % interval")]
    public string Seeds { get; set; } = "1";
    [Option("out", Default = "runs/reproduce", HelpText = "folder for the experiments' folders (EXPERIMENT[-best][-quick]/)")] public string Out { get; set; } = "runs/reproduce";
    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")] public string DataDir { get; set; } = "data";
    [Option("readme", HelpText = "with results: replace this README's generated results block (default: none, only results.md)")] public string? Readme { get; set; }
    [Option("force", HelpText = "run an experiment again whose folder already holds results (its folder is removed first; default: refuse)")] public bool Force { get; set; }
    [Option("resume", HelpText = "continue: skip experiments already done, continue interrupted ones (their finished sweep cells and epochs are kept)")] public bool Resume { get; set; }

    public int Run()
    {
        if (Experiment is null)
        {
            foreach (var p in Experiments.All) Console.WriteLine($"{p.Name,-22} {p.Description}{(p.HasBestRecipe ? " [--recipe best]" : "")}");
            return 0;
        }
        if (Experiment == "results") return Results();
        if (Folder is not null) throw new UsageException($"reproduce: unexpected '{Folder}' after the experiment name");
        if (RealSize && !Quick) throw new UsageException("--real-size goes with --quick (the full scale always uses the real-size models)");
        var recipe = Recipe.ToLowerInvariant() switch
        {
            "paper" => PresetRecipe.Paper,
            "best" => PresetRecipe.Best,
            _ => throw new UsageException($"--recipe: '{Recipe}' is not paper or best"),
        };
        var seeds = SeedList.Parse(Seeds);
        if (Force && Resume) throw new UsageException("--force and --resume: choose one (run again, or continue)");
        var presets = Experiment == "all" ? Experiments.All.ToList() : [Experiments.Find(Experiment)];
        if (recipe == PresetRecipe.Best)
        {
            foreach (var p in presets.Where(p => !p.HasBestRecipe)) Console.WriteLine($"reproduce {p.Name}: no recipe beyond the paper's, skipped (run it with --recipe paper)");
            presets = presets.Where(p => p.HasBestRecipe).ToList();
            if (presets.Count == 0) return 0;
        }
        presets = presets.Where(p => PrepareFolder(Path.Combine(Out, ReproduceRunner.FolderName(p, Quick, recipe, RealSize)))).ToList(); // every folder checked before any work
        using var acc = OpenAccelerator();
        var observer = new ConsoleObserver();
        var data = new DatasetCache(DataDir);
        foreach (var preset in presets)
        {
            Console.WriteLine($"reproduce {preset.Name} ({(Quick ? "quick" : "full")}, {recipe.ToString().ToLowerInvariant()} recipe, seed{(seeds.Count > 1 ? "s" : "")} {Seeds}) on {acc}: {preset.Description}");
            if (!Quick && recipe == PresetRecipe.Paper && preset.NeedsGpu is not null && !acc.Info.IsGpu)
                Console.WriteLine($"reproduce {preset.Name}: {preset.NeedsGpu}; this device is not a GPU (--quick runs the small variants)");
            string folder = ReproduceRunner.Run(new ReproduceRunner.Request(preset, Quick, recipe, seeds, Out, DataDir, RealSize), acc, observer, data);
            Console.WriteLine(File.ReadAllText(Path.Combine(folder, ComparisonFiles.Markdown)));
            Console.WriteLine($"wrote {Path.GetFullPath(folder)}/ (comparison.csv, comparison.md, {ReproduceRunner.RecordFile} and the runs)");
        }
        return 0;
    }

    private int Results()
    {
        if (Folder is null) throw new UsageException("reproduce results: give the folder of earlier reproduce runs (e.g. runs/reproduce)");
        var runs = ResultsTables.Find(Folder);
        if (runs.Count == 0) throw new UsageException($"reproduce results: no preset folders (reproduce.json + comparison.csv) below {Folder}");
        string block = ResultsTables.Markdown(runs, Folder);
        string path = Path.Combine(Folder, "results.md");
        GpuAE.IO.AtomicFile.WriteAllText(path, block);
        Console.WriteLine($"wrote {Path.GetFullPath(path)} ({runs.Count} preset folders)");
        if (Readme is not null)
        {
            ResultsTables.WriteReadme(Readme, block);
            Console.WriteLine($"replaced the results block of {Path.GetFullPath(Readme)}");
        }
        return 0;
    }

    /// <summary>
    /// Whether to run a preset into its folder: a folder with results is refused unless --force
    /// (removed, run again) or --resume (a finished preset is skipped, an interrupted one continued).
    /// </summary>
    private bool PrepareFolder(string folder)
    {
        IO.OutputFolder.RefuseFile(folder, "--out");
        bool finished = File.Exists(Path.Combine(folder, ReproduceRunner.RecordFile)) || File.Exists(Path.Combine(folder, ComparisonFiles.Csv));
        bool used = Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
        if (used && Force) Directory.Delete(folder, recursive: true);
        else if (finished && Resume) { Console.WriteLine($"{folder}: done already (its results); skipped"); return false; }
        else if (used && !Resume)
            throw new IO.OutputFolderException($"reproduce: {folder} holds {(finished ? "this experiment's results" : "an interrupted run of this experiment")}; " +
                "use --resume to continue (or skip) it, --force to run it again, or another --out");
        IO.OutputFolder.EnsureWritable(folder);
        return true;
    }
}
