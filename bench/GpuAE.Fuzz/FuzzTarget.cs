namespace GpuAE.Fuzz;

/// <summary>A valid input of a reader: the file name it is read under and its bytes.</summary>
public sealed record Seed(string Name, byte[] Bytes);

/// <summary>
/// One reader under fuzzing: the valid inputs its cases start from, how a case mutates one
/// (byte-level by default; readers with a known layout also set header fields to extremes and
/// recompute checksums so the checks behind them are reached), and how gpuae reads the result.
/// To fuzz a new reader, add a subclass and list it in <see cref="FuzzTargets.All"/>.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name `--reader` selects it by.</summary>
    public abstract string Name { get; }

    /// <summary>Valid inputs, built once per worker process.</summary>
    public abstract IReadOnlyList<Seed> Seeds();

    /// <summary>The input of one case, from a seed and the case's generator (<paramref name="all"/>: every seed, for splicing).</summary>
    public virtual byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all) => Mutator.Bytes(seed.Bytes, r, all[r.Next(all.Count)].Bytes);

    /// <summary>Reads the input as gpuae does, in an empty folder of its own; an exception means the input was rejected (cleanly or not).</summary>
    public abstract void Read(string folder, Seed seed, byte[] input);
}

/// <summary>Every reader the harness knows; `--reader all` runs them in this order.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new Targets.CheckpointTarget(), new Targets.IdxTarget(), new Targets.CsvTarget(), new Targets.ImageTarget(),
        new Targets.SweepTarget(), new Targets.ReportTarget(), new Targets.ResumeTarget(), new Targets.SafetensorsTarget(),
    ];

    public static FuzzTarget Find(string name) => All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"--reader: unknown reader '{name}' (use all or {string.Join(", ", All.Select(t => t.Name))})");
}
