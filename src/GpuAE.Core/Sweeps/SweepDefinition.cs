using System.Globalization;
using System.Text.Json;
using GpuAE.Noise;
using GpuAE.Training;
using GpuAE.Optimizers;

namespace GpuAE.Sweeps;

/// <summary>
/// A sweep: a base training configuration, a grid of overrides (lr, hidden, batch, epochs,
/// optimizer, momentum, seed), training noises and test noises. A seed axis repeats every other
/// cell with other initial weights, shuffles and noise draws (see <see cref="SweepSeedSummary"/>). Cells are the Cartesian
/// product of the grid and the training noises, in a fixed order, so a cell's index means the
/// same thing in every shard and every resumed run. Saved as sweep.json.
/// </summary>
public sealed record SweepDefinition
{
    public static readonly string[] GridKeys = ["lr", "hidden", "batch", "epochs", "optimizer", "momentum", "seed"];

    public required TrainingOptions Base { get; init; }
    public required List<GridAxis> Grid { get; init; }
    public required List<string> TrainNoises { get; init; }
    public required List<string> TestNoises { get; init; }

    public sealed record GridAxis(string Key, List<string> Values);

    /// <summary>One training run of the sweep.</summary>
    public sealed record Cell(int Index, IReadOnlyList<(string Key, string Value)> Settings, string TrainNoise)
    {
        public string Label => string.Join(",", Settings.Select(s => $"{s.Key}={s.Value}").Append($"train={TrainNoise}"));

        /// <summary>A folder name that sorts by index and says what the cell is.</summary>
        public string FolderName => $"cell-{Index:D4}_" + new string(Label.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' ? c : '_').ToArray());
    }

    /// <summary>Most cells a sweep may have: far beyond any sweep one would run, and small enough to list.</summary>
    public const long MaxCells = 100_000;

    /// <summary>
    /// Checks a grid as a whole (each axis is checked by <see cref="ParseAxis"/>): no key twice and
    /// at most <see cref="MaxCells"/> cells, counted in 64 bits before any is made.
    /// </summary>
    public static void CheckGrid(IReadOnlyList<GridAxis> grid, int trainNoises)
    {
        if (grid.Select(a => a.Key).Distinct().Count() != grid.Count) throw new FormatException("--grid: the same key is given twice");
        long cells = Math.Max(trainNoises, 1);
        foreach (var axis in grid)
        {
            cells *= Math.Max(axis.Values.Count, 1);
            if (cells > MaxCells)
                throw new FormatException($"--grid: {string.Join(" x ", grid.Select(a => a.Values.Count))} values x {trainNoises} training noises make over {MaxCells:N0} cells; split the sweep");
        }
    }

    public IReadOnlyList<Cell> Cells()
    {
        var combos = new List<List<(string, string)>> { new() };
        foreach (var axis in Grid)
            combos = combos.SelectMany(c => axis.Values.Select(v => new List<(string, string)>(c) { (axis.Key, v) })).ToList();
        var cells = new List<Cell>();
        foreach (var combo in combos)
            foreach (var noise in TrainNoises)
                cells.Add(new Cell(cells.Count, combo, noise));
        return cells;
    }

    /// <summary>The training options of one cell: the base with the cell's overrides.</summary>
    public TrainingOptions OptionsFor(Cell cell, string folder)
    {
        var o = Base with { Noise = NoiseSpec.Parse(cell.TrainNoise), Out = folder };
        foreach (var (key, value) in cell.Settings)
        {
            o = key switch
            {
                "lr" => o with { LearningRate = Float(key, value) },
                "momentum" => o with { Momentum = Float(key, value) },
                "hidden" => o with { Hidden = Int(key, value) },
                "batch" => o with { Batch = Int(key, value) },
                "epochs" => o with { Epochs = Int(key, value) },
                "optimizer" => o with { Optimizer = OptimizerSpec.ParseKind(value) },
                "seed" => o with { Seed = Seed(value) },
                _ => throw new FormatException($"--grid: unknown key '{Text.Printable.Of(key)}' (use {string.Join(", ", GridKeys)})"),
            };
        }
        return o;
    }

    /// <summary>Parses "key=v1,v2,...", checking the key and every value.</summary>
    public static GridAxis ParseAxis(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"--grid: '{Text.Printable.Of(text)}' is not key=v1,v2,... (e.g. lr=0.1,0.2)");
        string key = text[..eq].Trim().ToLowerInvariant();
        if (!GridKeys.Contains(key)) throw new FormatException($"--grid: unknown key '{Text.Printable.Of(key)}' in '{Text.Printable.Of(text)}' (use {string.Join(", ", GridKeys)})");
        var values = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (values.Count == 0) throw new FormatException($"--grid: no values in '{Text.Printable.Of(text)}'");
        foreach (var v in values)
        {
            if (key is "lr" or "momentum") Float(key, v);
            else if (key == "optimizer") OptimizerSpec.ParseKind(v);
            else if (key == "seed") Seed(v);
            else Int(key, v);
        }
        if (values.Distinct().Count() != values.Count) throw new FormatException($"--grid: repeated value in '{Text.Printable.Of(text)}'");
        return new GridAxis(key, values);
    }

    /// <summary>
    /// Expands noise lists: "mask:0.2,mask:0.7" and ranges "mask:0.2:0.7:0.1" (kind:from:to:step,
    /// inclusive). Every result is validated by NoiseSpec.Parse.
    /// </summary>
    public static List<string> ParseNoiseList(string text, string option)
    {
        var result = new List<string>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts.Length == 4)
            {
                double from = Number(option, item, parts[1]), to = Number(option, item, parts[2]), step = Number(option, item, parts[3]);
                if (step <= 0 || to < from) throw new FormatException($"{option}: range '{Text.Printable.Of(item)}' needs from <= to and a positive step");
                int count = (int)Math.Floor((to - from) / step + 1e-9) + 1;
                if (count > 1000) throw new FormatException($"{option}: range '{Text.Printable.Of(item)}' has {count} levels (at most 1000)");
                for (int i = 0; i < count; i++)
                    result.Add(NoiseSpec.Parse($"{parts[0]}:{Math.Round(from + i * step, 6).ToString(CultureInfo.InvariantCulture)}").ToString());
            }
            else result.Add(NoiseSpec.Parse(item).ToString());
        }
        if (result.Count == 0) throw new FormatException($"{option}: no noise given");
        return result.Distinct().ToList();
    }

    private static double Number(string option, string item, string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException($"{option}: '{Text.Printable.Of(s)}' in '{Text.Printable.Of(item)}' is not a number");

    private static float Float(string key, string v) =>
        float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) && float.IsFinite(f) && f >= 0 ? f : throw new FormatException($"--grid: {key} value '{Text.Printable.Of(v)}' is not a non-negative number");

    private static ulong Seed(string v) =>
        ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) && s > 0 ? s : throw new FormatException($"--grid: seed value '{v}' is not a positive integer");

    private static int Int(string key, string v) =>
        int.TryParse(v, out int i) && i > 0 ? i : throw new FormatException($"--grid: {key} value '{Text.Printable.Of(v)}' is not a positive integer");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, IncludeFields = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads sweep.json; anything that is not a sweep definition is a one-line <see cref="FormatException"/> naming the file.</summary>
    public static SweepDefinition FromJson(string json, string path)
    {
        try
        {
            var d = JsonSerializer.Deserialize<SweepDefinition>(json, Json) ?? throw new FormatException($"{path}: empty sweep definition");
            if (d.Base is null || d.Grid is null || d.TrainNoises is null || d.TestNoises is null || d.Grid.Any(a => a?.Key is null || a.Values is null))
                throw new FormatException($"{path}: not a complete sweep definition");
            try
            {
                foreach (var axis in d.Grid) ParseAxis($"{axis.Key}={string.Join(",", axis.Values)}");
                CheckGrid(d.Grid, d.TrainNoises.Count);
            }
            catch (FormatException e) { throw new FormatException($"{path}: {e.Message}"); }
            // A number too large for its float setting reads as infinity, which JSON cannot hold:
            // comparing or rewriting the sweep would fail later, so say it here.
            try { _ = d.ToJson(); }
            catch (ArgumentException) { throw new FormatException($"{path}: a setting's number is too large for it (it reads as infinity)"); }
            return d;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"{path}: not a sweep definition ({Text.Printable.Of(e.Message, 160)})", e);
        }
    }

    /// <summary>Two definitions describe the same sweep (what merge and resume require).</summary>
    public bool SameSweepAs(SweepDefinition other) => ToJson() == other.ToJson();
}
