using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.IO;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Sweeps;

/// <summary>
/// One row of results.csv: a trained cell evaluated at one test noise. <see cref="Status"/> is
/// "ok", or "diverged" for a cell whose training loss stopped being finite (its metrics are NaN).
/// </summary>
public sealed record SweepRow(int Cell, string Label, Dictionary<string, string> Settings, string TrainNoise, string TestNoise,
    double TrainLoss, double TestLoss, double MseNoisy, double MseDenoised, double PsnrNoisy, double PsnrDenoised,
    double SsimNoisy, double SsimDenoised, double TrainSeconds)
{
    public const string Ok = "ok", Diverged = "diverged";

    public string Status { get; init; } = Ok;
}

/// <summary>
/// Runs a sweep so that it survives interruption: each cell trains into its own folder and,
/// last of all, writes cell.json (atomically) with its result rows. A rerun skips cells that
/// have a cell.json, continues an interrupted cell from its last finished epoch (its
/// resume.gae, when it was saved with the cell's options) or restarts it, and rebuilds
/// results.csv from every cell.json present, so the file ends with each row exactly once
/// however often the sweep was killed. A cell whose training diverges is recorded as such
/// (status "diverged", NaN metrics) and the sweep goes on.
/// </summary>
public sealed class SweepRunner(SweepDefinition definition, string folder)
{
    public const string DefinitionFile = "sweep.json", ResultsFile = "results.csv", CellFile = "cell.json";

    public SweepDefinition Definition { get; } = definition;
    public string Folder { get; } = folder;

    /// <summary>
    /// Writes sweep.json, or checks that the folder holds this same sweep (which then continues).
    /// A folder holding a different sweep or another kind of run is refused, unless
    /// <paramref name="force"/>, which removes that sweep's cells and results first.
    /// </summary>
    public void Prepare(bool force = false)
    {
        OutputFolder.RefuseFile(Folder, "--out");
        string path = Path.Combine(Folder, DefinitionFile);
        bool same = File.Exists(path) && SweepDefinition.FromJson(File.ReadAllText(path), path).SameSweepAs(Definition);
        if (!same)
        {
            var found = OutputFolder.RunFilesIn(Folder);
            if (found.Count > 0 && !force)
                throw new OutputFolderException(found.Contains(DefinitionFile)
                    ? $"sweep: {Folder} holds a different sweep ({path}); a sweep continues only with the same options: use them, --force to replace it, or another --out"
                    : $"sweep: {Folder} holds another run ({string.Join(", ", found.Take(3))}); use --force to overwrite it, or another --out");
            if (found.Count > 0) RemoveSweep();
        }
        OutputFolder.EnsureWritable(Folder);
        if (!same) AtomicFile.WriteAllText(path, Definition.ToJson());
    }

    /// <summary>--force: the old sweep's cell folders, results and charts go (other files stay).</summary>
    private void RemoveSweep()
    {
        foreach (var dir in Directory.GetDirectories(Folder, "cell-*")) Directory.Delete(dir, recursive: true);
        foreach (var name in new[] { "psnr", "ssim", "psnr-heatmap" })
            foreach (var ext in new[] { ".png", ".svg" }) File.Delete(Path.Combine(Folder, name + ext));
        OutputFolder.RemoveRunFiles(Folder);
    }

    public IEnumerable<SweepDefinition.Cell> CellsOfShard(int shard, int shards) =>
        Definition.Cells().Where(c => c.Index % shards == shard);

    public bool IsDone(SweepDefinition.Cell cell) => ReadCell(Path.Combine(Folder, cell.FolderName, CellFile)) is not null;

    public void RunCell(SweepDefinition.Cell cell, Accelerator acc, Dataset train, Dataset test, ITrainingObserver observer)
    {
        string dir = Path.Combine(Folder, cell.FolderName);
        var options = Definition.OptionsFor(cell, dir);
        var resume = Trainer.ResumableIn(dir, options);
        if (resume is null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true); // an interrupted cell without a usable state starts over
        var clock = Stopwatch.StartNew();
        TrainingResult<Evaluation> result;
        try { result = Trainer.Run(options, acc, train, test, observer, resume); }
        catch (TrainingDivergedException e)
        {
            observer.OnMessage($"cell {cell.Index} ({cell.Label}): {e.Message}; recorded as diverged");
            WriteCell(dir, Definition.TestNoises.Select(noise => new SweepRow(cell.Index, cell.Label, cell.Settings.ToDictionary(s => s.Key, s => s.Value),
                cell.TrainNoise, noise, e.Loss, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
                (resume?.WallSeconds ?? 0) + clock.Elapsed.TotalSeconds) { Status = SweepRow.Diverged }).ToList());
            return;
        }
        double seconds = (resume?.WallSeconds ?? 0) + clock.Elapsed.TotalSeconds;
        var (_, evaluations) = CheckpointEvaluation.Run(acc, Path.Combine(dir, "model.gae"), test,
            Definition.TestNoises.Select(NoiseSpec.Parse), options.Seed, 256, galleryPath: Path.Combine(dir, "gallery.png"));
        var rows = Definition.TestNoises.Zip(evaluations, (noise, e) => new SweepRow(cell.Index, cell.Label,
            cell.Settings.ToDictionary(s => s.Key, s => s.Value), cell.TrainNoise, noise, result.Epochs[^1].TrainLoss,
            e.Loss, e.MseNoisy, e.MseDenoised, e.PsnrNoisy, e.PsnrDenoised, e.SsimNoisy, e.SsimDenoised, seconds)).ToList();
        WriteCell(dir, rows);
    }

    private static readonly JsonSerializerOptions CellJson = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static void WriteCell(string dir, List<SweepRow> rows) => AtomicFile.WriteAllText(Path.Combine(dir, CellFile), JsonSerializer.Serialize(rows, CellJson));


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
        sb.Append("cell,").Append(string.Concat(keys.Select(k => k + ","))).Append("train_noise,test_noise,train_loss,test_loss,mse_noisy,mse_denoised,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised,status,train_seconds\n");
        foreach (var r in rows)
        {
            sb.Append(r.Cell).Append(',');
            foreach (var k in keys) sb.Append(r.Settings[k]).Append(',');
            sb.Append(r.TrainNoise).Append(',').Append(r.TestNoise);
            foreach (var v in new[] { r.TrainLoss, r.TestLoss, r.MseNoisy, r.MseDenoised, r.PsnrNoisy, r.PsnrDenoised, r.SsimNoisy, r.SsimDenoised })
                sb.Append(',').Append(v.ToString("G7", CultureInfo.InvariantCulture));
            sb.Append(',').Append(r.Status).Append(',').Append(r.TrainSeconds.ToString("G7", CultureInfo.InvariantCulture)).Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(Folder, ResultsFile), sb.ToString());
        SweepSeedSummary.Write(Folder, Definition, rows);
        SweepPlots.Write(Folder, Definition, rows);
    }

    /// <summary>
    /// A cell's rows, or null if it never finished: no file, or one that does not parse or does
    /// not hold a row with this sweep's settings for every test noise (a damaged cell is run again).
    /// </summary>
    private List<SweepRow>? ReadCell(string path)
    {
        if (!File.Exists(path)) return null;
        List<SweepRow>? rows;
        try { rows = JsonSerializer.Deserialize<List<SweepRow>>(File.ReadAllText(path), CellJson); }
        catch (JsonException) { return null; }
        bool complete = rows is not null && rows.Count == Definition.TestNoises.Count && rows.All(r => r is not null
            && r.Label is not null && r.TrainNoise is not null && r.TestNoise is not null && r.Status is not null
            && r.Settings is not null && Definition.Grid.All(axis => r.Settings.ContainsKey(axis.Key)));
        return complete ? rows : null;
    }
}
