using System.IO.Compression;
using GpuAE.Data;

namespace GpuAE.Tests.Data;

/// <summary>Small, recognisable IDX content for tests: image i has every pixel equal to (i * 7 + pixel) % 256.</summary>
public static class SyntheticIdx
{
    public static byte[] Pixels(int count, int rows = 28, int columns = 28)
    {
        var pixels = new byte[count * rows * columns];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i / (rows * columns) * 7 + i) % 256);
        return pixels;
    }

    public static byte[] Labels(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();

    public static byte[] Images(int count, int rows = 28, int columns = 28) =>
        IdxWriter.ImagesToBytes(count, rows, columns, Pixels(count, rows, columns));

    public static byte[] LabelFile(int count) => IdxWriter.LabelsToBytes(Labels(count));

    public static byte[] Gzip(byte[] content)
    {
        using var result = new MemoryStream();
        using (var gzip = new GZipStream(result, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return result.ToArray();
    }

    /// <summary>Writes content to a file, gzip-compressed or raw.</summary>
    public static string Write(string path, byte[] content, bool gzip)
    {
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);
        return path;
    }

    /// <summary>The four standard files of a synthetic dataset (train and test), uncompressed, keyed by IDX name.</summary>
    public static Dictionary<string, byte[]> StandardFiles(int trainCount = 20, int testCount = 10) => new()
    {
        [IdxFileNames.Images("train")] = Images(trainCount),
        [IdxFileNames.Labels("train")] = LabelFile(trainCount),
        [IdxFileNames.Images("test")] = Images(testCount),
        [IdxFileNames.Labels("test")] = LabelFile(testCount),
    };

    /// <summary>A manifest whose hashes match <paramref name="files"/> for the given dataset name.</summary>
    public static DatasetManifest ManifestFor(string dataset, IReadOnlyDictionary<string, byte[]> files) =>
        DatasetManifest.Parse(string.Join("\n", files.Select(f => $"{dataset} {f.Key} {Sha256(f.Value)}")), "test manifest");

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
