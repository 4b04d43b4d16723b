using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Training;

namespace GpuAE.Reproduce;

/// <summary>
/// Runs one preset of `gpuae reproduce` for every seed asked for and writes its folder:
/// &lt;out&gt;/&lt;preset&gt;[-best][-quick]/ with comparison.csv, comparison.md, the paper-vs-GpuAE charts and
/// reproduce.json (what ran, where, how long). With one seed the runs sit in that folder; with
/// several, each seed's runs and comparison go to seed-N/ and the folder's comparison gives GpuAE's
/// mean, standard deviation and 95 % interval over the seeds, and whether the paper's value lies inside.
/// </summary>
public static class ReproduceRunner
{
    public const string RecordFile = "reproduce.json";

    /// <param name="RealSize">With Quick: deep-denoise-classify's real-size models on the quick scale (folder suffix -real-size).</param>
    public sealed record Request(Experiments.Preset Preset, bool Quick, PresetRecipe Recipe, IReadOnlyList<ulong> Seeds, string Out, string DataDir, bool RealSize = false);

    public static string FolderName(Experiments.Preset preset, bool quick, PresetRecipe recipe, bool realSize = false) =>
        preset.Name + (recipe == PresetRecipe.Best ? "-best" : "") + (quick ? "-quick" : "") + (quick && realSize ? "-real-size" : "");

    /// <summary>Runs the request and returns its folder.</summary>
    public static string Run(Request r, Accelerator acc, ITrainingObserver observer, DatasetCache? data = null)
    {
        if (r.Seeds.Count == 0) throw new ArgumentException("reproduce: no seeds given");
        string folder = Path.Combine(r.Out, FolderName(r.Preset, r.Quick, r.Recipe, r.RealSize));
        Directory.CreateDirectory(folder);
        data ??= new DatasetCache(r.DataDir);
        var started = DateTime.UtcNow;
        var wall = Stopwatch.StartNew();
        var perSeed = new List<(string Folder, IReadOnlyList<ComparisonRow> Rows)>();
        var seconds = new List<double>();
        foreach (ulong seed in r.Seeds)
        {
            string seedFolder = r.Seeds.Count == 1 ? folder : Path.Combine(folder, $"seed-{seed}");
            Directory.CreateDirectory(seedFolder);
            var context = new ReproduceContext(acc, r.DataDir, seedFolder, new ReproduceSettings(r.Quick, r.Recipe, seed, r.RealSize), observer, r.Out, data);
            var clock = Stopwatch.StartNew();
            r.Preset.Run(context);
            seconds.Add(clock.Elapsed.TotalSeconds);
            if (r.Seeds.Count > 1)
                ComparisonFiles.Write(seedFolder, r.Preset.Name, r.Preset.Paper, Scale(r, [seed]), context.Rows);
            perSeed.Add((Path.GetRelativePath(folder, seedFolder).Replace('\\', '/'), context.Rows));
        }
        var rows = r.Seeds.Count == 1 ? perSeed[0].Rows.ToList() : ComparisonFiles.OverSeeds(perSeed);
        ComparisonFiles.Write(folder, r.Preset.Name, r.Preset.Paper, Scale(r, r.Seeds), rows);
        WriteRecord(folder, r, acc, started, wall.Elapsed.TotalSeconds, seconds);
        return folder;
    }

    private static string Scale(Request r, IReadOnlyList<ulong> seeds) =>
        $"Scale: {(r.Quick ? "--quick" + (r.RealSize ? " --real-size" : "") : "full")}; recipe: {r.Recipe.ToString().ToLowerInvariant()}; seed{(seeds.Count > 1 ? "s" : "")} {string.Join(", ", seeds)}";

    private static void WriteRecord(string folder, Request r, Accelerator acc, DateTime started, double wallSeconds, List<double> seconds)
    {
        var record = new JsonObject
        {
            ["format"] = "gpuae-reproduce/1",
            ["experiment"] = r.Preset.Name,
            ["paper"] = r.Preset.Paper,
            ["scale"] = r.Quick ? (r.RealSize ? "quick, real-size models" : "quick") : "full",
            ["recipe"] = r.Recipe.ToString().ToLowerInvariant(),
            ["seeds"] = new JsonArray(r.Seeds.Select(s => (JsonNode)s).ToArray()),
            ["device"] = acc.ToString(),
            ["machine"] = MachineDescription(),
            ["started_utc"] = started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["wall_seconds"] = Math.Round(wallSeconds, 1),
            ["seconds_per_seed"] = new JsonArray(seconds.Select(s => (JsonNode)Math.Round(s, 1)).ToArray()),
        };
        AtomicFile.WriteAllText(Path.Combine(folder, RecordFile), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>"AMD EPYC 7B13, 2 cores, 23 GiB, Linux 6.1": the host the numbers were measured on.</summary>
    public static string MachineDescription()
    {
        string cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        double gib = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{cpu}, {Environment.ProcessorCount} cores, {gib:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
