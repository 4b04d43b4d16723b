using System.Buffers;
using System.Buffers.Binary;

namespace GpuAE.Data;

/// <summary>
/// Reads IDX files (the MNIST format: a big-endian magic number, big-endian dimension sizes, then
/// unsigned bytes), raw or gzip-compressed, in one streaming pass that also computes SHA-256 of the
/// uncompressed bytes. Every problem is a <see cref="DataFormatException"/>; nothing partial is returned.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <param name="expectedSha256">If given, the hex SHA-256 the uncompressed content must have.</param>
    public static IdxImages ReadImages(string path, string? expectedSha256 = null) =>
        ReadVerified(path, expectedSha256, (stream, max) => ReadImages(stream, path, max));

    /// <param name="expectedSha256">If given, the hex SHA-256 the uncompressed content must have.</param>
    /// <param name="classes">Labels must be below this (10 for the known datasets, 256 accepts every byte).</param>
    public static byte[] ReadLabels(string path, string? expectedSha256 = null, int classes = KnownDatasets.ClassCount) =>
        ReadVerified(path, expectedSha256, (stream, max) => ReadLabels(stream, path, max, classes));

    /// <summary>
    /// Reads an image file and its label file into a <see cref="Dataset"/>, checking that both files
    /// hold the same number of items. A known dataset's images must be 28x28 and its labels 0..9;
    /// other data may have images of any size and labels 0..255 (class names "0".."K-1"). Pixels are
    /// scaled to [0,1] as they stream in, without an intermediate byte copy of the images.
    /// </summary>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, string name, string split,
        string? imagesSha256 = null, string? labelsSha256 = null)
    {
        bool known = KnownDatasets.IsKnown(name);
        var (images, rows, columns) = ReadVerified(imagesPath, imagesSha256, (stream, max) => ReadScaledImages(stream, imagesPath, max, known));
        int imageCount = rows * columns == 0 ? 0 : images.Length / (rows * columns);
        var labels = ReadLabels(labelsPath, labelsSha256, known ? KnownDatasets.ClassCount : Dataset.MaxClasses);
        if (labels.Length != imageCount)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Length} labels but {Path.GetFileName(imagesPath)} holds {imageCount} images");
        if (imageCount == 0) throw new DataFormatException(imagesPath, "holds no images");
        return new Dataset(name, split, images, labels, KnownDatasets.ClassNamesFor(name, labels), rows, columns);
    }

    /// <summary>Parses uncompressed IDX image content; <paramref name="file"/> only names it in errors.</summary>
    internal static IdxImages ReadImages(Stream content, string file, long maxContentLength)
    {
        var header = ReadImageHeader(content, file, maxContentLength);
        var pixels = new byte[header.PixelBytes];
        ReadBody(content, file, header.PixelBytes, header.Truncated, header.Promised,
            (chunk, offset) => chunk.CopyTo(pixels.AsSpan((int)offset)));
        return new IdxImages(header.Count, header.Rows, header.Columns, pixels);
    }

    /// <summary>Parses uncompressed IDX label content; <paramref name="file"/> only names it in errors.</summary>
    internal static byte[] ReadLabels(Stream content, string file, long maxContentLength, int classes = KnownDatasets.ClassCount)
    {
        Span<byte> header = stackalloc byte[8];
        ReadHeader(content, header, file, LabelsMagic, "label");
        int count = ReadDimension(header[4..], file, "label count");
        CheckFits(count, maxContentLength, file, $"{count} labels");
        var labels = new byte[count];
        ReadBody(content, file, count, got => $"truncated: the header promises {count} labels but only {got} follow",
            $"{count} labels", (chunk, offset) => chunk.CopyTo(labels.AsSpan((int)offset)));
        int bad = Array.FindIndex(labels, label => label >= classes);
        if (bad >= 0)
            throw new DataFormatException(file, $"label {labels[bad]} at index {bad} is outside 0..{classes - 1}");
        return labels;
    }

    /// <param name="known">A known dataset: its images must be 28x28.</param>
    private static (float[] Images, int Rows, int Columns) ReadScaledImages(Stream content, string file, long maxContentLength, bool known)
    {
        var header = ReadImageHeader(content, file, maxContentLength);
        if (known && (header.Rows != Dataset.ImageHeight || header.Columns != Dataset.ImageWidth))
            throw new DataFormatException(file,
                $"images are {header.Rows}x{header.Columns}, expected {Dataset.ImageHeight}x{Dataset.ImageWidth}");
        var images = new float[header.PixelBytes];
        ReadBody(content, file, header.PixelBytes, header.Truncated, header.Promised,
            (chunk, offset) => PixelScaling.ToUnitRange(chunk, images.AsSpan((int)offset, chunk.Length)));
        return (images, header.Rows, header.Columns);
    }

    private sealed record ImageHeader(int Count, int Rows, int Columns)
    {
        public int PixelBytes => Count * Rows * Columns;
        public string Promised => $"{Count} images";
        public string Truncated(long got) =>
            $"truncated: the header promises {Count} images of {Rows}x{Columns} ({PixelBytes} pixel bytes) but only {got} pixel bytes follow";
    }

    private static ImageHeader ReadImageHeader(Stream content, string file, long maxContentLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        ReadHeader(content, bytes, file, ImagesMagic, "image");
        var header = new ImageHeader(ReadDimension(bytes[4..], file, "image count"),
            ReadDimension(bytes[8..], file, "row count"), ReadDimension(bytes[12..], file, "column count"));
        long pixelBytes = (long)header.Count * header.Rows * header.Columns;
        if (pixelBytes > Array.MaxLength)
            throw new DataFormatException(file, $"the header promises {header.Count} images of {header.Rows}x{header.Columns}, more than can be loaded");
        CheckFits(pixelBytes, maxContentLength, file, $"{header.Count} images of {header.Rows}x{header.Columns}");
        return header;
    }

    private static void ReadHeader(Stream content, Span<byte> header, string file, int expectedMagic, string kind)
    {
        int got = content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < 4)
            throw new DataFormatException(file, $"truncated: {got} bytes, too short for an IDX {kind} file");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
            throw new DataFormatException(file, $"not an IDX {kind} file: magic number is 0x{magic:x8}, expected 0x{expectedMagic:x8}{MagicHint(magic)}");
        if (got < header.Length)
            throw new DataFormatException(file, $"truncated: {got} bytes, inside the {header.Length}-byte IDX {kind} header");
    }

    private static string MagicHint(int magic) => magic switch
    {
        ImagesMagic => " (this is an image file)",
        LabelsMagic => " (this is a label file)",
        _ => "",
    };

    private static int ReadDimension(ReadOnlySpan<byte> bytes, string file, string what)
    {
        uint value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (value > int.MaxValue)
            throw new DataFormatException(file, $"{what} {value} in the header is too large");
        return (int)value;
    }

    /// <summary>Rejects a header that promises more data than the file could possibly hold, before allocating for it.</summary>
    private static void CheckFits(long bodyBytes, long maxContentLength, string file, string promised)
    {
        if (bodyBytes > maxContentLength)
            throw new DataFormatException(file, $"truncated: the header promises {promised} ({bodyBytes} bytes) but the file cannot hold more than {maxContentLength} bytes");
    }

    private delegate void ChunkConsumer(ReadOnlySpan<byte> chunk, long offset);

    /// <summary>
    /// Streams exactly <paramref name="length"/> bytes to <paramref name="consume"/>, then drains the
    /// rest so the hash covers the whole file and extra bytes are reported.
    /// </summary>
    private static void ReadBody(Stream content, string file, long length, Func<long, string> truncated, string promised, ChunkConsumer consume)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long filled = 0;
            int n;
            while (filled < length)
            {
                n = content.Read(scratch, 0, (int)Math.Min(scratch.Length, length - filled));
                if (n == 0) throw new DataFormatException(file, truncated(filled));
                consume(scratch.AsSpan(0, n), filled);
                filled += n;
            }
            long trailing = 0;
            while ((n = content.Read(scratch)) > 0) trailing += n;
            if (trailing > 0)
                throw new DataFormatException(file, $"{trailing} unexpected bytes after the {promised} the header promises");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static T ReadVerified<T>(string path, string? expectedSha256, Func<Stream, long, T> parse)
    {
        try
        {
            using var hashing = new Sha256ReadStream(DataFile.OpenDecompressed(path, out long maxContentLength));
            T result = parse(hashing, maxContentLength);
            if (expectedSha256 is not null)
            {
                string actual = hashing.HashHex();
                if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
                    throw new DataFormatException(path,
                        $"SHA-256 of the uncompressed content is {actual}, expected {expectedSha256.ToLowerInvariant()}");
            }
            return result;
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip data ({e.Message})", e);
        }
    }
}
