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

    /// <param name="expectedSha256">If given, the lower- or upper-case hex SHA-256 the uncompressed content must have.</param>
    public static IdxImages ReadImages(string path, string? expectedSha256 = null) =>
        ReadVerified(path, expectedSha256, stream => ReadImages(stream, path));

    /// <param name="expectedSha256">If given, the lower- or upper-case hex SHA-256 the uncompressed content must have.</param>
    public static byte[] ReadLabels(string path, string? expectedSha256 = null) =>
        ReadVerified(path, expectedSha256, stream => ReadLabels(stream, path));

    /// <summary>
    /// Reads an image file and its label file into a <see cref="Dataset"/>, checking that the images
    /// are 28x28 and that both files hold the same number of items.
    /// </summary>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, string name, string split,
        string? imagesSha256 = null, string? labelsSha256 = null)
    {
        var images = ReadImages(imagesPath, imagesSha256);
        if (images.Rows != Dataset.ImageHeight || images.Columns != Dataset.ImageWidth)
            throw new DataFormatException(imagesPath,
                $"images are {images.Rows}x{images.Columns}, expected {Dataset.ImageHeight}x{Dataset.ImageWidth}");
        var labels = ReadLabels(labelsPath, labelsSha256);
        if (labels.Length != images.Count)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Length} labels but {Path.GetFileName(imagesPath)} holds {images.Count} images");
        return Dataset.FromBytes(name, split, images.Pixels, labels, KnownDatasets.ClassNamesFor(name));
    }

    private static T ReadVerified<T>(string path, string? expectedSha256, Func<Stream, T> parse)
    {
        try
        {
            using var hashing = new Sha256ReadStream(DataFile.OpenDecompressed(path));
            T result = parse(hashing);
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

    /// <summary>Parses uncompressed IDX image content; <paramref name="file"/> only names it in errors.</summary>
    internal static IdxImages ReadImages(Stream content, string file)
    {
        Span<byte> header = stackalloc byte[16];
        ReadHeader(content, header, file, ImagesMagic, "image");
        int count = ReadDimension(header[4..], file, "image count");
        int rows = ReadDimension(header[8..], file, "row count");
        int columns = ReadDimension(header[12..], file, "column count");
        long expected = (long)count * rows * columns;
        if (expected > Array.MaxLength)
            throw new DataFormatException(file, $"header claims {count} images of {rows}x{columns}, more than can be loaded");
        byte[] pixels = ReadBody(content, (int)expected, file,
            got => $"truncated: the header promises {count} images of {rows}x{columns} ({expected} pixel bytes) but only {got} pixel bytes follow",
            $"{count} images");
        return new IdxImages(count, rows, columns, pixels);
    }

    /// <summary>Parses uncompressed IDX label content; <paramref name="file"/> only names it in errors.</summary>
    internal static byte[] ReadLabels(Stream content, string file)
    {
        Span<byte> header = stackalloc byte[8];
        ReadHeader(content, header, file, LabelsMagic, "label");
        int count = ReadDimension(header[4..], file, "label count");
        byte[] labels = ReadBody(content, count, file,
            got => $"truncated: the header promises {count} labels but only {got} follow",
            $"{count} labels");
        int bad = Array.FindIndex(labels, label => label >= Dataset.ClassCount);
        if (bad >= 0)
            throw new DataFormatException(file, $"label {labels[bad]} at index {bad} is outside 0..{Dataset.ClassCount - 1}");
        return labels;
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

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes, then drains the rest so the hash covers the
    /// whole file. The buffer grows as data arrives so that a lying header cannot make us allocate
    /// gigabytes for a small file.
    /// </summary>
    private static byte[] ReadBody(Stream content, int length, string file, Func<long, string> truncated, string promised)
    {
        var buffer = new byte[Math.Min(length, 1 << 24)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            int n = content.Read(buffer, filled, buffer.Length - filled);
            if (n == 0) throw new DataFormatException(file, truncated(filled));
            filled += n;
        }
        long trailing = CountRemaining(content);
        if (trailing > 0)
            throw new DataFormatException(file, $"{trailing} unexpected bytes after the {promised} the header promises");
        return buffer;
    }

    private static long CountRemaining(Stream content)
    {
        var scratch = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = content.Read(scratch)) > 0) total += n;
        return total;
    }
}
