using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.IO;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Sweeps;

/// <summary>One row of results.csv: a trained cell evaluated at one test noise.</summary>
public sealed record SweepRow(int Cell, string Label, Dictionary<string, string> Settings, string TrainNoise, string TestNoise,
    double TrainLoss, double TestLoss, double MseNoisy, double MseDenoised, double PsnrNoisy, double PsnrDenoised,
    double SsimNoisy, double SsimDenoised, double TrainSeconds);

/// <summary>
/// Runs a sweep so that it survives interruption: each cell trains into its own folder and,
/// last of all, writes cell.json (atomically) with its result rows. A rerun skips cells that
/// have a cell.json, restarts any other, and rebuilds results.csv from every cell.json present,
/// so the file ends with each row exactly once however often the sweep was killed.
/// </summary>
public sealed class SweepRunner(SweepDefinition definition, string folder)
{
    public const string DefinitionFile = "sweep.json", ResultsFile = "results.csv", CellFile = "cell.json";

    public SweepDefinition Definition { get; } = definition;
    public string Folder { get; } = folder;

    /// <summary>Writes sweep.json, or checks that the folder holds this same sweep.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, DefinitionFile);
        if (File.Exists(path))
        {
            var existing = SweepDefinition.FromJson(File.ReadAllText(path), path);
            if (!existing.SameSweepAs(Definition))
                throw new ArgumentException($"sweep: {Folder} holds a different sweep ({path}); use another --out or the same options");
            return;
        }
        AtomicFile.WriteAllText(path, Definition.ToJson());
    }

    public IEnumerable<SweepDefinition.Cell> CellsOfShard(int shard, int shards) =>
        Definition.Cells().Where(c => c.Index % shards == shard);

    public bool IsDone(SweepDefinition.Cell cell) => ReadCell(Path.Combine(Folder, cell.FolderName, CellFile)) is not null;

    public void RunCell(SweepDefinition.Cell cell, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer)
    {
        string dir = Path.Combine(Folder, cell.FolderName);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); // an interrupted cell starts over
        var options = Definition.OptionsFor(cell, dir);
        var clock = Stopwatch.StartNew();
        var result = Trainer.Run(options, acc, train, test, observer);
        double seconds = clock.Elapsed.TotalSeconds;
        var (_, evaluations) = CheckpointEvaluation.Run(acc, Path.Combine(dir, "model.gae"), test,
            Definition.TestNoises.Select(NoiseSpec.Parse), options.Seed, 256, galleryPath: Path.Combine(dir, "gallery.png"));
        var rows = Definition.TestNoises.Zip(evaluations, (noise, e) => new SweepRow(cell.Index, cell.Label,
            cell.Settings.ToDictionary(s => s.Key, s => s.Value), cell.TrainNoise, noise, result.Epochs[^1].TrainLoss,
            e.Loss, e.MseNoisy, e.MseDenoised, e.PsnrNoisy, e.PsnrDenoised, e.SsimNoisy, e.SsimDenoised, seconds)).ToList();
        AtomicFile.WriteAllText(Path.Combine(dir, CellFile), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Rows of every finished cell in the folder, in cell order then test-noise order.</summary>
    public List<SweepRow> CollectRows()
    {
        var rows = new List<SweepRow>();
        foreach (var cell in Definition.Cells())
        {
            var found = ReadCell(Path.Combine(Folder, cell.FolderName, CellFile));
            if (found is not null) rows.AddRange(found);
        }
        return rows;
    }

    public void WriteResults()
    {
        var rows = CollectRows();
        var keys = Definition.Grid.Select(g => g.Key).ToList();
        var sb = new StringBuilder();
        sb.Append("cell,").Append(string.Concat(keys.Select(k => k + ","))).Append("train_noise,test_noise,train_loss,test_loss,mse_noisy,mse_denoised,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised,train_seconds\n");
        foreach (var r in rows)
        {
            sb.Append(r.Cell).Append(',');
            foreach (var k in keys) sb.Append(r.Settings[k]).Append(',');
            sb.Append(r.TrainNoise).Append(',').Append(r.TestNoise);
            foreach (var v in new[] { r.TrainLoss, r.TestLoss, r.MseNoisy, r.MseDenoised, r.PsnrNoisy, r.PsnrDenoised, r.SsimNoisy, r.SsimDenoised, r.TrainSeconds })
                sb.Append(',').Append(v.ToString("G7", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(Folder, ResultsFile), sb.ToString());
        SweepSeedSummary.Write(Folder, Definition, rows);
        SweepPlots.Write(Folder, Definition, rows);
    }

    /// <summary>A cell's rows, or null if it never finished (no file, or a file that does not parse).</summary>
    private static List<SweepRow>? ReadCell(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<List<SweepRow>>(File.ReadAllText(path)); }
        catch (JsonException) { return null; }
    }
}
