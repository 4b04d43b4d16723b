namespace GpuAE.Compute;

/// <summary>
/// The kernel variant chosen for each hot op, parsed from `--kernels gemm=tiled,conv=im2col`.
/// Ops not named run their accelerator's default (its fastest verified variant).
/// </summary>
public sealed class KernelSelection
{
    private readonly Dictionary<string, string> _choices = new(StringComparer.OrdinalIgnoreCase);

    public string? this[string op] => _choices.TryGetValue(op, out var v) ? v : null;

    public void Set(string op, string variant) => _choices[op] = variant;

    public IReadOnlyDictionary<string, string> Choices => _choices;

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
