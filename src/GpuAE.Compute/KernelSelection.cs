using GpuAE.Compute.Tuning;

namespace GpuAE.Compute;

/// <summary>
/// The kernel variant each hot op runs. Explicit choices come from `--kernels gemm=tiled,conv=im2col`
/// and hold for every shape; tuned choices (KernelTuner: every verified variant timed on the
/// model's own shapes) hold per shape. An op with neither runs its accelerator's default.
/// </summary>
public sealed class KernelSelection
{
    private readonly Dictionary<string, string> _choices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ShapeKey, string> _tuned = new();

    /// <summary>The explicit choice for an op (all shapes), or null.</summary>
    public string? this[string op] => _choices.TryGetValue(op, out var v) ? v : null;

    public void Set(string op, string variant) => _choices[op] = variant;

    public void Clear(string op) => _choices.Remove(op);

    public IReadOnlyDictionary<string, string> Choices => _choices;

    /// <summary>The variant for one call: the explicit choice, else the tuned one for this shape, else null (the default).</summary>
    public string? For(in ShapeKey shape) =>
        _choices.TryGetValue(shape.Family, out var chosen) ? chosen : _tuned.TryGetValue(shape, out var tuned) ? tuned : null;

    /// <summary>Remembers the measured best variant for a shape.</summary>
    public void SetTuned(in ShapeKey shape, string variant) => _tuned[shape] = variant;

    public IReadOnlyDictionary<ShapeKey, string> Tuned => _tuned;

    /// <summary>Parses "op=variant[,op=variant...]"; throws FormatException naming the bad part.</summary>
    public static KernelSelection Parse(string? spec)
    {
        var selection = new KernelSelection();
        if (string.IsNullOrWhiteSpace(spec)) return selection;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
                throw new FormatException($"--kernels: '{part}' is not op=variant (e.g. gemm=tiled)");
            selection.Set(part[..eq].Trim(), part[(eq + 1)..].Trim());
        }
        return selection;
    }

    public override string ToString() => string.Join(",", _choices.Select(kv => $"{kv.Key}={kv.Value}"));
}
