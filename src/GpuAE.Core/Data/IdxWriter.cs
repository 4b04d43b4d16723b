using System.Buffers.Binary;
using System.IO.Compression;
using GpuAE.IO;

namespace GpuAE.Data;

/// <summary>Writes IDX image and label files, raw into a stream or gzip-compressed and atomically to disk.</summary>
public static class IdxWriter
{
    /// <summary>The uncompressed IDX bytes of an image file.</summary>
    public static byte[] ImagesToBytes(int count, int rows, int columns, ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != (long)count * rows * columns)
            throw new ArgumentException($"{pixels.Length} pixel bytes do not make {count} images of {rows}x{columns}", nameof(pixels));
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        pixels.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    /// <summary>The uncompressed IDX bytes of a label file.</summary>
    public static byte[] LabelsToBytes(ReadOnlySpan<byte> labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    /// <summary>Gzip-compresses already-formed IDX content into <paramref name="path"/>, atomically.</summary>
    public static void WriteGzip(string path, byte[] idxContent) =>
        AtomicFile.Write(path, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            gzip.Write(idxContent);
        });

    public static void WriteImagesGzip(string path, IdxImages images) =>
        WriteGzip(path, ImagesToBytes(images.Count, images.Rows, images.Columns, images.Pixels));

    public static void WriteLabelsGzip(string path, ReadOnlySpan<byte> labels) => WriteGzip(path, LabelsToBytes(labels));

    /// <summary>
    /// Writes a dataset as the two standard gzipped IDX files of its split (for example
    /// train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz) into <paramref name="directory"/>.
    /// </summary>
    public static void WriteDataset(Dataset dataset, string directory)
    {
        var images = new IdxImages(dataset.Count, dataset.Height, dataset.Width, dataset.PixelBytes());
        WriteImagesGzip(Path.Combine(directory, IdxFileNames.Images(dataset.Split) + IdxFileNames.GzipSuffix), images);
        WriteLabelsGzip(Path.Combine(directory, IdxFileNames.Labels(dataset.Split) + IdxFileNames.GzipSuffix), dataset.Labels);
    }
}
