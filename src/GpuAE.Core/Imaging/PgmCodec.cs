using System.Globalization;
using System.Text;

namespace GpuAE.Imaging;

/// <summary>
/// Netpbm graymaps: P2 (plain, ASCII numbers) and P5 (raw bytes), 8-bit (maxval 1..255, levels scaled
/// by maxval). '#' comments are allowed wherever the header allows whitespace. 16-bit (maxval over
/// 255) is refused. Problems are <see cref="ImageFormatException"/>s.
/// </summary>
public static class PgmCodec
{
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && data[0] == 'P' && (data[1] == '2' || data[1] == '5');

    public static GrayImage Decode(ReadOnlySpan<byte> data)
    {
        if (!HasSignature(data)) throw new ImageFormatException("not a PGM file (expected 'P2' or 'P5' at the start)");
        bool plain = data[1] == '2';
        int pos = 2;
        int width = HeaderNumber(data, ref pos, "width"), height = HeaderNumber(data, ref pos, "height"), maxval = HeaderNumber(data, ref pos, "maxval");
        if (width <= 0 || height <= 0) throw new ImageFormatException($"invalid image size {width}x{height}");
        if (maxval is < 1 or > 65535) throw new ImageFormatException($"invalid maxval {maxval}");
        if (maxval > 255) throw new ImageFormatException($"16-bit PGM (maxval {maxval}) is not supported; only 8-bit images are");
        if ((long)width * height > ImageCodec.MaxPixels) throw new ImageFormatException($"image {width}x{height} is too large (over {ImageCodec.MaxPixels >> 20} Mpx)");
        var pixels = new float[width * height];
        if (plain) ReadPlain(data, pos, pixels, maxval);
        else ReadRaw(data, pos, pixels, maxval);
        return new GrayImage(width, height, pixels);
    }

    private static void ReadRaw(ReadOnlySpan<byte> data, int pos, float[] pixels, int maxval)
    {
        if (pos >= data.Length || !IsSpace(data[pos])) throw new ImageFormatException("truncated: no pixel data after the header");
        pos++; // exactly one whitespace byte separates the header from the raster
        if (data.Length - pos < pixels.Length)
            throw new ImageFormatException($"truncated: {pixels.Length} pixel bytes expected, {data.Length - pos} present");
        for (int i = 0; i < pixels.Length; i++)
        {
            int v = data[pos + i];
            if (v > maxval) throw new ImageFormatException($"pixel {i} is {v}, above maxval {maxval}");
            pixels[i] = v / (float)maxval;
        }
    }

    private static void ReadPlain(ReadOnlySpan<byte> data, int pos, float[] pixels, int maxval)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            int v = HeaderNumber(data, ref pos, $"pixel {i}");
            if (v > maxval) throw new ImageFormatException($"pixel {i} is {v}, above maxval {maxval}");
            pixels[i] = v / (float)maxval;
        }
    }

    /// <summary>Skips whitespace and comments, then reads a decimal number.</summary>
    private static int HeaderNumber(ReadOnlySpan<byte> data, ref int pos, string what)
    {
        while (pos < data.Length && (IsSpace(data[pos]) || data[pos] == '#'))
        {
            if (data[pos] == '#') while (pos < data.Length && data[pos] != '\n' && data[pos] != '\r') pos++;
            else pos++;
        }
        int start = pos;
        long value = 0;
        while (pos < data.Length && data[pos] is >= (byte)'0' and <= (byte)'9' && pos - start < 10) value = value * 10 + (data[pos++] - '0');
        if (pos == start)
            throw new ImageFormatException(pos >= data.Length ? $"truncated: file ends before the {what}" : $"expected a number for the {what} at byte {pos}");
        if (value > int.MaxValue) throw new ImageFormatException($"the {what} {value} is too large");
        return (int)value;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    /// <summary>An 8-bit graymap (maxval 255): raw P5, or plain P2 with at most 17 numbers per line (lines stay under 70 characters).</summary>
    public static byte[] Encode(GrayImage image, bool plain = false)
    {
        var levels = GrayLevels.Quantize(image.Pixels);
        string header = $"{(plain ? "P2" : "P5")}\n{image.Width} {image.Height}\n255\n";
        if (!plain) return [.. Encoding.ASCII.GetBytes(header), .. levels];
        var sb = new StringBuilder(header);
        for (int i = 0; i < levels.Length; i++)
            sb.Append(levels[i].ToString(CultureInfo.InvariantCulture)).Append(i % 17 == 16 || i == levels.Length - 1 ? '\n' : ' ');
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
