using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GpuAE.IO;

namespace GpuAE.Imaging;

/// <summary>
/// Decodes the PNG files this project reads: non-interlaced, 8 bits per channel, gray, gray+alpha,
/// RGB or RGBA, any of the five filter types, image data in one or more IDAT chunks. Every chunk's
/// CRC is checked. Anything else fails with an <see cref="ImageFormatException"/> naming the problem.
/// </summary>
public static class PngReader
{
    /// <summary>Refuse images whose decoded pixels would exceed this, so a hostile header cannot exhaust memory.</summary>
    public const long MaxPixelBytes = 1L << 30;

    /// <summary>Reads and decodes a file; error messages start with the file name.</summary>
    public static PngImage Load(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFormatException($"{path}: cannot read file: {e.Message}", e);
        }
        try { return Decode(data); }
        catch (ImageFormatException e) { throw new ImageFormatException($"{path}: {e.Message}", e); }
    }

    public static PngImage Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..8].SequenceEqual(PngChunk.Signature))
            throw new ImageFormatException("not a PNG file (bad signature)");

        Header? header = null;
        using var idat = new MemoryStream();
        int offset = 8;
        while (true)
        {
            string type = ReadChunk(data, ref offset, out Range bodyRange);
            var body = data[bodyRange];
            if (header is null && type != "IHDR") throw new ImageFormatException($"first chunk is '{type}', expected 'IHDR'");
            switch (type)
            {
                case "IHDR":
                    if (header is not null) throw new ImageFormatException("more than one IHDR chunk");
                    header = ParseHeader(body);
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    if (idat.Length == 0) throw new ImageFormatException("no image data (IDAT chunk) before IEND");
                    return Reconstruct(header!, idat.GetBuffer().AsSpan(0, (int)idat.Length));
                case "PLTE":
                    break; // a suggested palette in a truecolour image: not needed to decode
                default:
                    if (char.IsAsciiLetterUpper(type[0])) throw new ImageFormatException($"unsupported critical chunk '{type}'");
                    break; // ancillary chunks (text, gamma, ...) carry nothing we need
            }
        }
    }

    private sealed record Header(int Width, int Height, int Channels);

    /// <summary>Validates the chunk at <paramref name="offset"/> (bounds, CRC), returns its type and moves past it.</summary>
    private static string ReadChunk(ReadOnlySpan<byte> data, ref int offset, out Range body)
    {
        if (offset == data.Length) throw new ImageFormatException("truncated: file ends before the IEND chunk");
        if (data.Length - offset < 12) throw new ImageFormatException($"truncated: incomplete chunk header at byte {offset}");
        uint length = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        var typeBytes = data.Slice(offset + 4, 4);
        foreach (byte b in typeBytes)
            if (!char.IsAsciiLetter((char)b)) throw new ImageFormatException($"corrupt chunk type at byte {offset}");
        string type = Encoding.ASCII.GetString(typeBytes);
        if (length > int.MaxValue) throw new ImageFormatException($"chunk '{type}' at byte {offset} has an invalid length {length}");
        if (data.Length - offset - 12 < length)
            throw new ImageFormatException($"truncated: chunk '{type}' at byte {offset} needs {length} data bytes, file has {Math.Max(0, data.Length - offset - 12)}");
        body = new Range(offset + 8, offset + 8 + (int)length);
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(data[body.End..]);
        uint actual = Crc32.Append(Crc32.Compute(typeBytes), data[body]);
        if (stored != actual) throw new ImageFormatException($"CRC mismatch in chunk '{type}' at byte {offset} (file is corrupt)");
        offset += 12 + (int)length;
        return type;
    }

    private static Header ParseHeader(ReadOnlySpan<byte> ihdr)
    {
        if (ihdr.Length != 13) throw new ImageFormatException($"IHDR chunk has {ihdr.Length} bytes, expected 13");
        int width = BinaryPrimitives.ReadInt32BigEndian(ihdr);
        int height = BinaryPrimitives.ReadInt32BigEndian(ihdr[4..]);
        byte bitDepth = ihdr[8], colorType = ihdr[9], compression = ihdr[10], filterMethod = ihdr[11], interlace = ihdr[12];
        if (width <= 0 || height <= 0) throw new ImageFormatException($"invalid image size {(uint)width}x{(uint)height}");
        if (colorType == PngChunk.ColorPalette) throw new ImageFormatException("palette (indexed-colour) images are not supported");
        int channels = PngChunk.ChannelsOf(colorType);
        if (channels == 0) throw new ImageFormatException($"invalid colour type {colorType}");
        if (bitDepth != 8) throw new ImageFormatException($"unsupported bit depth {bitDepth} (only 8-bit images are supported)");
        if (compression != 0) throw new ImageFormatException($"unknown compression method {compression}");
        if (filterMethod != 0) throw new ImageFormatException($"unknown filter method {filterMethod}");
        if (interlace == 1) throw new ImageFormatException("interlaced (Adam7) images are not supported");
        if (interlace != 0) throw new ImageFormatException($"unknown interlace method {interlace}");
        if ((long)width * height * channels > MaxPixelBytes)
            throw new ImageFormatException($"image {width}x{height} is too large (over {MaxPixelBytes >> 20} MiB of pixels)");
        return new Header(width, height, channels);
    }

    private static PngImage Reconstruct(Header header, ReadOnlySpan<byte> compressed)
    {
        int stride = header.Width * header.Channels;
        var filtered = Inflate(compressed, (long)(stride + 1) * header.Height);
        var pixels = new byte[(long)stride * header.Height];
        var zeros = new byte[stride];
        for (int y = 0; y < header.Height; y++)
        {
            var row = pixels.AsSpan(y * stride, stride);
            filtered.AsSpan(y * (stride + 1) + 1, stride).CopyTo(row);
            var prior = y == 0 ? zeros : pixels.AsSpan((y - 1) * stride, stride);
            byte type = filtered[y * (stride + 1)];
            if (type > PngFilter.Paeth) throw new ImageFormatException($"invalid filter type {type} on row {y}");
            PngFilter.Unfilter(type, row, prior, header.Channels);
        }
        return new PngImage(header.Width, header.Height, header.Channels, pixels);
    }

    /// <summary>Inflates exactly the bytes the header promises; reading no further bounds memory use.</summary>
    private static byte[] Inflate(ReadOnlySpan<byte> compressed, long expected)
    {
        var output = new byte[expected];
        int filled = 0;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            int n;
            while (filled < output.Length && (n = zlib.Read(output, filled, output.Length - filled)) > 0) filled += n;
        }
        catch (InvalidDataException)
        {
            throw new ImageFormatException("corrupt compressed image data");
        }
        if (filled < output.Length)
            throw new ImageFormatException($"image data too short: expected {expected} bytes after decompression, got {filled}");
        return output;
    }
}
