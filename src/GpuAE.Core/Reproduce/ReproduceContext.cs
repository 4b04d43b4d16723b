using System.Text.Json.Nodes;
using GpuAE.Analysis;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Sweeps;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// Which recipe a preset runs: the paper's, as exactly as its text allows (the default), or the
/// better one GpuAE found for the same experiment (presets without one run the paper's).
/// </summary>
public enum PresetRecipe { Paper, Best }

/// <summary>
/// What one run of a preset is: quick or full scale, the recipe, and the seed. <paramref name="RealSize"/>
/// makes a quick run of deep-denoise-classify use the real-size models (a short GPU check).
/// </summary>
public sealed record ReproduceSettings(bool Quick = false, PresetRecipe Recipe = PresetRecipe.Paper, ulong Seed = 1, bool RealSize = false);

/// <summary>
/// What an experiment preset works with: the device, the data (loaded once per dataset), the
/// settings (scale, recipe, seed), its output folder, and the comparison rows it fills in.
/// </summary>
public sealed class ReproduceContext(Accelerator accelerator, string dataDir, string folder, ReproduceSettings settings, ITrainingObserver observer,
    string? root = null, DatasetCache? data = null)
{
    private readonly DatasetCache _data = data ?? new DatasetCache(dataDir);

    /// <summary>A context with the default recipe and seed 1 (tests and single runs).</summary>
    public ReproduceContext(Accelerator accelerator, string dataDir, string folder, bool quick, ITrainingObserver observer)
        : this(accelerator, dataDir, folder, new ReproduceSettings(quick), observer) { }

    public Accelerator Accelerator { get; } = accelerator;
    public string DataDir { get; } = dataDir;

    /// <summary>This seed's output folder: runs, figures and comparison files.</summary>
    public string Folder { get; } = folder;

    /// <summary>The --out folder, where runs shared by presets live (dense-lr and dense-hidden share one sweep).</summary>
    public string Root { get; } = root ?? Path.GetDirectoryName(Path.GetFullPath(folder))!;
    public ReproduceSettings Settings { get; } = settings;
    public bool Quick => Settings.Quick;
    public PresetRecipe Recipe => Settings.Recipe;
    public ulong Seed => Settings.Seed;
    public ITrainingObserver Observer { get; } = observer;
    public List<ComparisonRow> Rows { get; } = [];

    public Dataset Data(string dataset, string split, int? limit) => _data.Get(dataset, split, limit);

    /// <summary>A folder under <see cref="Root"/> for runs shared by presets, per scale and seed.</summary>
    public string SharedFolder(string name) => Path.Combine(Root, name + (Quick ? "-quick" : ""), $"seed-{Seed}");

    /// <summary>A path below <see cref="Folder"/> as comparison.csv names it (relative, '/' separators).</summary>
    public string Relative(string path) => Path.GetRelativePath(Folder, path).Replace('\\', '/');

    /// <summary>Trains one run into Folder/name with this context's seed.</summary>
    public TrainingResult<Evaluation> Train(string name, TrainingOptions options) => Train(name, options, Data(options.Dataset, "train", options.TrainLimit), Data(options.Dataset, "test", options.TestLimit));

    /// <summary>Trains one run into Folder/name on the given splits (prepared data, e.g. normalised and corrupted on the host).</summary>
    public TrainingResult<Evaluation> Train(string name, TrainingOptions options, Dataset train, Dataset test)
    {
        string dir = Path.Combine(Folder, name);
        options = options with { Out = dir, DataDir = DataDir, Seed = Seed };
        Observer.OnMessage($"== {name}: {options.Model} on {options.Dataset} ({train.Count} images), noise {options.Noise}, {Text.Plural.Of(options.Epochs, "epoch")}, seed {Seed}");
        return Trainer.Run(options, Accelerator, train, test, Observer, Trainer.ResumableIn(dir, options)); // a preset killed mid-run continues it
    }

    /// <summary>Runs (or resumes) a sweep in <paramref name="folder"/> with this context's seed.</summary>
    public List<SweepRow> Sweep(string folder, SweepDefinition definition)
    {
        definition = definition with { Base = definition.Base with { DataDir = "", Seed = Seed } };
        var runner = new SweepRunner(definition, folder);
        runner.Prepare();
        var train = Data(definition.Base.Dataset, "train", definition.Base.TrainLimit);
        var test = Data(definition.Base.Dataset, "test", definition.Base.TestLimit);
        foreach (var cell in runner.Definition.Cells().Where(c => !runner.IsDone(c)))
        {
            Observer.OnMessage($"== {Path.GetFileName(folder)} cell {cell.Index}: {cell.Label}");
            runner.RunCell(cell, Accelerator, train, test, Observer);
            runner.WriteResults();
        }
        runner.WriteResults();
        return runner.CollectRows();
    }

    /// <summary>A trained run's PSNR and SSIM per class on <paramref name="test"/> corrupted by <paramref name="noise"/>: per-class.csv and per-class-psnr.svg in its folder.</summary>
    public PerClassQuality PerClass(string runFolder, Dataset test, NoiseSpec noise)
    {
        var (_, network) = Checkpoints.Checkpoint.Load(Path.Combine(runFolder, "model.gae"), Accelerator, 256);
        using (network)
        {
            var quality = PerClassQuality.Measure(Accelerator, network, test, noise, Seed);
            quality.Write(runFolder);
            return quality;
        }
    }

    /// <summary>
    /// t-SNE (perplexity 30, seed 307 as the CS 307 report) of a trained run's bottleneck codes of
    /// the first <paramref name="count"/> images of <paramref name="test"/> corrupted by <paramref name="noise"/>, into Folder/name.
    /// </summary>
    public EmbeddingScores Tsne(string name, string runName, Dataset test, int count, NoiseSpec noise)
    {
        string dir = Path.Combine(Folder, name);
        int n = Math.Min(count, test.Count);
        var (config, codes) = LatentCodes.EncodeCheckpoint(Accelerator, Path.Combine(Folder, runName, "model.gae"), test, n, noise, Seed);
        int dim = codes.Length / n;
        Observer.OnMessage($"== {name}: t-SNE of {n} {dim}-D codes ({runName}, test images with noise {noise})");
        var result = Analysis.Tsne.Embed(codes, n, dim, new TsneOptions { Perplexity = Math.Min(30, (n - 1) / 3.0), Seed = 307 }, new TsneWorkProgress(Observer.OnProgress));
        var scores = EmbeddingScores.Compute(codes, result.Embedding, test.Labels, n, dim);
        TsneOutputs.Write(dir, $"t-SNE of {config.Name} codes ({runName}, noise {noise})", test.Labels, test.ClassNames, result, scores,
            new JsonObject { ["run"] = runName, ["model"] = config.Name, ["dataset"] = test.Name, ["noise"] = noise.ToString(), ["code_dimension"] = dim });
        return scores;
    }
}

/// <summary>Datasets loaded once and shared by every preset and seed of a `gpuae reproduce` command.</summary>
public sealed class DatasetCache(string dataDir)
{
    private readonly Dictionary<string, Dataset> _data = new();

    public Dataset Get(string dataset, string split, int? limit)
    {
        string key = $"{dataset}/{split}";
        if (!_data.TryGetValue(key, out var d)) _data[key] = d = DatasetStore.Load(dataset, split, dataDir);
        return limit is int n ? d.Take(n) : d;
    }
}
