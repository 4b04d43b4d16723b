namespace GpuAE.Data;

/// <summary>A place <see cref="DatasetFetcher"/> can get a dataset's four IDX files from.</summary>
internal interface IDatasetSource
{
    bool Serves(string dataset);

    /// <summary>Says what the source is, for logs and for the error listing what was tried.</summary>
    string Describe(string dataset);

    /// <summary>
    /// The four uncompressed IDX files (keyed by <see cref="IdxFileNames.All"/>), as the source
    /// delivers them; the fetcher puts them in canonical order and verifies them. Throws on failure.
    /// </summary>
    IReadOnlyDictionary<string, byte[]> Download(string dataset, Action<string> log);
}
