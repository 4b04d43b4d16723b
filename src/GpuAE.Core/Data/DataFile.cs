using System.IO.Compression;
using System.Security.Cryptography;

namespace GpuAE.Data;

/// <summary>Opening data files whether or not they are gzip-compressed, and hashing their content.</summary>
internal static class DataFile
{
    /// <summary>
    /// Opens a file for reading its uncompressed content. Gzip is recognised by its 1f 8b magic
    /// bytes, not by the file name, so a renamed or already-decompressed file still loads.
    /// </summary>
    public static Stream OpenDecompressed(string path) => OpenDecompressed(path, out _);

    /// <param name="maxContentLength">
    /// An upper bound on the uncompressed size (deflate expands at most about 1032:1), so a header
    /// that promises more data than the file can hold is rejected before anything is allocated.
    /// </param>
    public static Stream OpenDecompressed(string path, out long maxContentLength)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = n == 2 && IsGzipMagic(magic);
            maxContentLength = gzip ? file.Length * MaxDeflateRatio : file.Length;
            return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private const long MaxDeflateRatio = 1100;

    public static bool IsGzipMagic(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 2 && firstBytes[0] == 0x1f && firstBytes[1] == 0x8b;

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The file's size and the SHA-256 of its bytes as stored (what `sha256sum` prints).</summary>
    public static DataFileRecord Record(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new DataFileRecord(Path.GetFullPath(path), file.Length, Convert.ToHexStringLower(SHA256.HashData(file)), DataFileRecord.WholeFile);
    }

    /// <summary>The content of a possibly gzipped in-memory file.</summary>
    public static byte[] Decompress(byte[] maybeGzip)
    {
        if (!IsGzipMagic(maybeGzip)) return maybeGzip;
        using var gzip = new GZipStream(new MemoryStream(maybeGzip), CompressionMode.Decompress);
        using var result = new MemoryStream();
        gzip.CopyTo(result);
        return result.ToArray();
    }
}
