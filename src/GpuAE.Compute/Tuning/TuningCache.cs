using System.Text.Json;

namespace GpuAE.Compute.Tuning;

/// <summary>
/// Tuned variant choices remembered across runs, in one JSON file (default
/// ~/.cache/gpuae/tuning.json, or $GPUAE_CACHE/tuning.json): key "device | its details (driver,
/// architecture) | kernel build | shape", value the variant. The kernel build is the kernels
/// assembly's module version id, which deterministic builds change only when kernel code
/// changes. Written whole through a temporary file and a rename; a file that does not parse is
/// ignored (and replaced on the next save) rather than failing a run.
/// </summary>
public sealed class TuningCache
{
    private readonly string _path;
    private readonly Dictionary<string, string> _entries;
    private bool _dirty;

    private TuningCache(string path, Dictionary<string, string> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static string DefaultPath
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable("GPUAE_CACHE");
            if (string.IsNullOrEmpty(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gpuae");
            return Path.Combine(root, "tuning.json");
        }
    }

    public string FilePath => _path;

    public int Count => _entries.Count;

    public static TuningCache Open(string? path = null)
    {
        path ??= DefaultPath;
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
                entries = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? entries;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // An unreadable cache only costs a re-tune.
        }
        return new TuningCache(path, entries);
    }

    private static readonly string KernelBuild = typeof(GpuAE.Kernels.Common.KernelDevice).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private static string Key(Accelerator acc, in ShapeKey shape) => $"{acc.Info.Spec} {acc.Info.Name} | {acc.Info.Details} | {KernelBuild} | {shape}";

    public string? Find(Accelerator acc, in ShapeKey shape) => _entries.TryGetValue(Key(acc, shape), out var v) ? v : null;

    public void Store(Accelerator acc, in ShapeKey shape, string variant)
    {
        _entries[Key(acc, shape)] = variant;
        _dirty = true;
    }

    /// <summary>Writes the file if anything changed; a cache that cannot be written is left alone (the choices still hold for this run).</summary>
    public void Save()
    {
        if (!_dirty) return;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            string temporary = $"{_path}.tmp-{Environment.ProcessId}";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_entries, new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporary, _path, overwrite: true);
            _dirty = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only home or full disk: tuning still applies to this run.
        }
    }
}
