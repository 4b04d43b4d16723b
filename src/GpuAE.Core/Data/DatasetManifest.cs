namespace GpuAE.Data;

/// <summary>One manifest line: a dataset file and the SHA-256 of its uncompressed content.</summary>
public sealed record ManifestEntry(string Dataset, string FileName, string Sha256);

/// <summary>
/// The expected SHA-256 of every dataset file, parsed from the embedded resource
/// <c>datasets.manifest</c>, built from data/datasets.manifest (its format is documented at the top of that file).
/// </summary>
public sealed class DatasetManifest
{
    public const string ResourceName = "datasets.manifest";

    private static readonly Lazy<DatasetManifest> LazyEmbedded = new(LoadEmbedded);

    private DatasetManifest(IReadOnlyList<ManifestEntry> entries) => Entries = entries;

    /// <summary>The manifest built into GpuAE.Core.</summary>
    public static DatasetManifest Embedded => LazyEmbedded.Value;

    public IReadOnlyList<ManifestEntry> Entries { get; }

    public IReadOnlyList<string> Datasets => Entries.Select(e => e.Dataset).Distinct().ToList();

    public bool Contains(string dataset) => Entries.Any(e => e.Dataset == dataset);

    /// <summary>The expected lower-case hex SHA-256 of a file's uncompressed content.</summary>
    public string Sha256(string dataset, string fileName) =>
        Entries.FirstOrDefault(e => e.Dataset == dataset && e.FileName == fileName)?.Sha256
        ?? throw new KeyNotFoundException($"the dataset manifest has no entry for {dataset}/{fileName}");

    /// <param name="source">Names the text in error messages.</param>
    public static DatasetManifest Parse(string text, string source)
    {
        var entries = new List<ManifestEntry>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            entries.Add(ParseLine(line, source, i + 1));
        }
        var duplicate = entries.GroupBy(e => (e.Dataset, e.FileName)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataFormatException(source, $"{duplicate.Key.Dataset}/{duplicate.Key.FileName} is listed more than once");
        return new DatasetManifest(entries);
    }

    private static ManifestEntry ParseLine(string line, string source, int lineNumber)
    {
        string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3)
            throw new DataFormatException(source, $"line {lineNumber}: expected 3 fields (dataset, file name, sha256), got {fields.Length}");
        string sha = fields[2].ToLowerInvariant();
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
            throw new DataFormatException(source, $"line {lineNumber}: '{fields[2]}' is not a 64-digit hex SHA-256");
        return new ManifestEntry(fields[0], fields[1], sha);
    }

    private static DatasetManifest LoadEmbedded()
    {
        using var stream = typeof(DatasetManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from GpuAE.Core");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ResourceName);
    }
}
