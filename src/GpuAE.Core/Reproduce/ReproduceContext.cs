using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GpuAE.Analysis;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.IO;
using GpuAE.Noise;
using GpuAE.Sweeps;
using GpuAE.Training;
using GpuAE.Metrics;
using GpuAE.Text;

namespace GpuAE.Reproduce;

/// <summary>One line of comparison.csv: a quantity the paper reports (or not) beside GpuAE's value.</summary>
public sealed record ComparisonRow(string Setting, string Quantity, double? Paper, double GpuAE, string Note = "");

/// <summary>
/// What an experiment preset works with: the device, the data (loaded once per dataset), the
/// scale (quick or full), its output folder, and the comparison table it fills in.
/// </summary>
public sealed class ReproduceContext(Accelerator accelerator, string dataDir, string folder, bool quick, ITrainingObserver observer)
{
    private readonly Dictionary<string, Dataset> _data = new();

    public Accelerator Accelerator { get; } = accelerator;
    public string Folder { get; } = folder;
    public bool Quick { get; } = quick;
    public ITrainingObserver Observer { get; } = observer;
    public List<ComparisonRow> Rows { get; } = [];

    public Dataset Data(string dataset, string split, int? limit)
    {
        string key = $"{dataset}/{split}";
        if (!_data.TryGetValue(key, out var d)) _data[key] = d = DatasetStore.Load(dataset, split, dataDir);
        return limit is int n ? d.Take(n) : d;
    }

    /// <summary>Trains one run into Folder/name.</summary>
    public TrainingResult<Evaluation>? Train(string name, TrainingOptions options)
    {
        string dir = Path.Combine(Folder, name);
        options = options with { Out = dir, DataDir = dataDir };
        Observer.OnMessage($"== {name}: {options.Model} on {options.Dataset}, noise {options.Noise}, {Plural.Of(options.Epochs, "epoch")}");
        return Trainer.Run(options, Accelerator, Data(options.Dataset, "train", options.TrainLimit), Data(options.Dataset, "test", options.TestLimit), Observer);
    }

    public List<SweepRow> Sweep(string name, SweepDefinition definition)
    {
        var runner = new SweepRunner(definition with { Base = definition.Base with { DataDir = "" } }, Path.Combine(Folder, name));
        runner.Prepare();
        var train = Data(definition.Base.Dataset, "train", definition.Base.TrainLimit);
        var test = Data(definition.Base.Dataset, "test", definition.Base.TestLimit);
        foreach (var cell in runner.Definition.Cells().Where(c => !runner.IsDone(c)))
        {
            Observer.OnMessage($"== {name} cell {cell.Index}: {cell.Label}");
            runner.RunCell(cell, Accelerator, train, test, Observer);
            runner.WriteResults();
        }
        runner.WriteResults();
        return runner.CollectRows();
    }

    /// <summary>t-SNE of a trained run's bottleneck codes of test images, into Folder/name.</summary>
    public double Tsne(string name, string runName, string dataset, int count, IProgress<TsneProgress>? progress = null)
    {
        string dir = Path.Combine(Folder, name);
        var test = Data(dataset, "test", null);
        int n = Math.Min(count, test.Count);
        var (config, codes) = LatentCodes.EncodeCheckpoint(Accelerator, Path.Combine(Folder, runName, "model.gae"), test, n, NoiseSpec.None, 307);
        int dim = codes.Length / n;
        var result = Analysis.Tsne.Embed(codes, n, dim, new TsneOptions { Perplexity = Math.Min(30, (n - 1) / 3.0), Seed = 307 }, progress ?? new TsneWorkProgress(Observer.OnProgress));
        double trust = Trustworthiness.Compute(codes, result.Embedding, n, dim, 2, k: 5);
        TsneOutputs.Write(dir, $"t-SNE of {config.Name} codes ({runName})", test.Labels, test.ClassNames, result, trust,
            new JsonObject { ["run"] = runName, ["model"] = config.Name, ["dataset"] = dataset, ["code_dimension"] = dim });
        return trust;
    }

    /// <summary>comparison.csv and comparison.md: the paper's numbers beside GpuAE's.</summary>
    public void WriteComparison(string experiment, string paper)
    {
        var csv = new StringBuilder("experiment,setting,quantity,paper,gpuae,note\n");
        var md = new StringBuilder($"# {experiment}\n\nSource: {paper}. Scale: {(Quick ? "--quick" : "full")}.\n\n| setting | quantity | paper | GpuAE | note |\n|---|---|---|---|---|\n");
        foreach (var r in Rows)
        {
            string p = r.Paper?.ToString("G4", CultureInfo.InvariantCulture) ?? "";
            string g = r.GpuAE.ToString("G5", CultureInfo.InvariantCulture);
            csv.Append($"{CsvField.Escape(experiment)},{CsvField.Quoted(r.Setting)},{CsvField.Escape(r.Quantity)},{p},{g},{CsvField.Quoted(r.Note)}\n");
            md.Append($"| {r.Setting} | {r.Quantity} | {(p.Length > 0 ? p : "not reported")} | {g} | {r.Note} |\n");
        }
        AtomicFile.WriteAllText(Path.Combine(Folder, "comparison.csv"), csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(Folder, "comparison.md"), md.ToString());
    }
}
