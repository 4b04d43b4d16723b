using CommandLine;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Sweeps;
using GpuAE.Training;
using GpuAE.Text;

namespace GpuAE.Cli.Commands;

[Verb("run", isDefault: true, HelpText = "Train every cell of a grid and evaluate each at every test noise; resumes after a kill.")]
public sealed class SweepOptions : ModelTrainingOptions, ICommand
{
    [Option("grid", HelpText = "key=v1,v2,... (lr, hidden, batch, epochs, optimizer, momentum, seed); repeat for more axes; a seed axis adds seeds.csv, the mean, sd and 95 % interval over seeds (default: none, one cell)")]
    public IEnumerable<string> Grid { get; set; } = [];
    [Option("train-noise", HelpText = "training noises, comma-separated (default: the model's recipe noise)")] public string? TrainNoise { get; set; }
    [Option("test-noise", HelpText = "test noises, comma-separated; kind:from:to:step for an inclusive range (default: the training noises)")] public string? TestNoise { get; set; }
    [Option("out", Default = "runs/sweep", HelpText = "sweep folder to write (one subfolder per cell)")] public string Out { get; set; } = "runs/sweep";
    [Option("shard", HelpText = "K/N: run only cells with index % N == K (K from 0), for job arrays (default: every cell)")] public string? Shard { get; set; }

    protected override string? NoiseText => null;
    protected override string OutFolder => "";

    public SweepDefinition Definition()
    {
        ModelCatalog.Find(Model, ModelTask.Autoencoder);
        // Machine-specific settings (device, kernels, folders) stay out of the definition so shards on different machines match.
        var baseOptions = ToTrainingOptions() with { Noise = NoiseSpec.None, Device = "", Kernels = null, Out = "", DataDir = "" };
        var axes = Grid.Select(SweepDefinition.ParseAxis).ToList();
        var trainNoises = TrainNoise is null ? [ModelRecipes.For(Model).Noise.ToString()] : SweepDefinition.ParseNoiseList(TrainNoise, "--train-noise");
        SweepDefinition.CheckGrid(axes, trainNoises.Count);
        return new SweepDefinition
        {
            Base = baseOptions,
            Grid = axes,
            TrainNoises = trainNoises,
            TestNoises = TestNoise is null ? trainNoises : SweepDefinition.ParseNoiseList(TestNoise, "--test-noise"),
        };
    }

    public (int K, int N) ParseShard()
    {
        if (Shard is null) return (0, 1);
        var parts = Shard.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int k) || !int.TryParse(parts[1], out int n) || n <= 0 || k < 0 || k >= n)
            throw new UsageException($"--shard: '{Shard}' is not K/N with 0 <= K < N");
        return (k, n);
    }

    public int Run()
    {
        var definition = Definition();
        var (k, n) = ParseShard();
        foreach (var cell in definition.Cells()) definition.OptionsFor(cell, "");
        var runner = new SweepRunner(definition, Out);
        runner.Prepare(Force);
        var cells = runner.CellsOfShard(k, n).ToList();
        var todo = cells.Where(c => !runner.IsDone(c)).ToList();
        Console.WriteLine($"sweep: {Plural.Of(definition.Cells().Count, "cell")} x {Plural.Of(definition.TestNoises.Count, "test noise")}; shard {k}/{n} has {Plural.Of(cells.Count, "cell")}, {cells.Count - todo.Count} already done");
        if (todo.Count > 0)
        {
            var (trainData, testData) = LoadSplits();
            using var acc = OpenAccelerator();
            var observer = new ConsoleObserver();
            for (int i = 0; i < todo.Count; i++)
            {
                observer.OnMessage($"cell {todo[i].Index} ({i + 1}/{todo.Count} to do): {todo[i].Label}");
                runner.RunCell(todo[i], acc, trainData, testData, new PrefixedObserver(observer, $"cell {todo[i].Index} ({i + 1}/{todo.Count})"));
                runner.WriteResults();
            }
        }
        runner.WriteResults();
        var rows = runner.CollectRows();
        Console.WriteLine($"wrote {Path.GetFullPath(Path.Combine(Out, SweepRunner.ResultsFile))} ({Plural.Of(rows.Count, "row")}) and psnr, ssim and psnr-heatmap (.png and .svg)");
        int diverged = rows.Where(r => r.Status == SweepRow.Diverged).Select(r => r.Cell).Distinct().Count();
        if (diverged > 0) Console.WriteLine($"note: {Plural.Of(diverged, "cell")} diverged (status column of results.csv; metrics NaN)");
        return 0;
    }
}

[Verb("merge", HelpText = "Join the output folders of sweep shards into one; refuses folders of different sweeps.")]
public sealed class SweepMergeOptions : ICommand
{
    [Value(0, MetaName = "folders", Required = true, HelpText = "shard output folders")] public IEnumerable<string> Folders { get; set; } = [];
    [Option("out", Required = true, HelpText = "folder to merge the shards into")] public string Out { get; set; } = "";

    public int Run()
    {
        var folders = Folders.ToList();
        SweepDefinition? definition = null;
        foreach (var folder in folders)
        {
            string path = Path.Combine(folder, SweepRunner.DefinitionFile);
            if (!File.Exists(path)) throw new UsageException($"sweep merge: {folder} has no {SweepRunner.DefinitionFile} (not a sweep folder)");
            var d = SweepDefinition.FromJson(File.ReadAllText(path), path);
            if (definition is null) definition = d;
            else if (!definition.SameSweepAs(d)) throw new UsageException($"sweep merge: {folder} holds a different sweep than {folders[0]}");
        }
        var target = new SweepRunner(definition!, Out);
        target.Prepare();
        int copied = 0;
        foreach (var folder in folders)
        {
            var source = new SweepRunner(definition!, folder);
            foreach (var cell in definition!.Cells().Where(source.IsDone))
            {
                string to = Path.Combine(Out, cell.FolderName);
                if (target.IsDone(cell) || Path.GetFullPath(folder) == Path.GetFullPath(Out)) continue;
                CopyDirectory(Path.Combine(folder, cell.FolderName), to);
                copied++;
            }
        }
        target.WriteResults();
        int done = definition!.Cells().Count(target.IsDone);
        Console.WriteLine($"merged {Plural.Of(copied, "cell")} into {Path.GetFullPath(Out)}: {done}/{Plural.Of(definition.Cells().Count, "cell")} done, {Plural.Of(target.CollectRows().Count, "row")}");
        return 0;
    }

    private static void CopyDirectory(string from, string to)
    {
        string temp = to + ".partial";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(temp);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(temp, Path.GetFileName(file)));
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        Directory.Move(temp, to);
    }
}
