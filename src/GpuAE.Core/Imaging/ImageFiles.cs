using GpuAE.IO;

namespace GpuAE.Imaging;

/// <summary>
/// Reads an image file as gray, recognised by content, not by name: PGM (our own format) here, PNG,
/// JPEG, BMP, GIF and WebP through SkiaSharp (<see cref="ImageCodec"/>); writes one as PNG or PGM by
/// the output's extension. Errors are one line naming the file.
/// </summary>
public static class ImageFiles
{
    /// <summary>The names a folder run picks up.</summary>
    public static readonly string[] Extensions = [".png", ".pgm", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>What a single output may be.</summary>
    public static readonly string[] OutputExtensions = [".png", ".pgm"];

    public static bool HasImageExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static bool HasOutputExtension(string path) =>
        OutputExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static GrayImage Load(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFormatException($"{path}: cannot read file: {e.Message}", e);
        }
        return Decode(data, path);
    }

    /// <summary>Decodes a file's bytes already read; <paramref name="path"/> names it in errors.</summary>
    public static GrayImage Decode(byte[] data, string path)
    {
        try
        {
            if (data.Length == 0) throw new ImageFormatException("the file is empty");
            if (PgmCodec.HasSignature(data)) return PgmCodec.Decode(data);
            var (width, height, gray) = ImageCodec.DecodeGray(data);
            return new GrayImage(width, height, gray);
        }
        catch (ImageFormatException e)
        {
            throw new ImageFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes atomically: PGM (P5) for a .pgm name, 8-bit gray PNG for .png.</summary>
    public static void Save(string path, GrayImage image)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        byte[] bytes = ext switch
        {
            ".pgm" => PgmCodec.Encode(image),
            ".png" => ImageCodec.EncodeGrayPng(GrayLevels.Quantize(image.Pixels), image.Width, image.Height),
            _ => throw new ArgumentException($"--output '{path}': unknown image type '{ext}' (use .png or .pgm)"),
        };
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Where the noisy version of an output goes: "x.png" -> "x.noisy.png", "t.idx.gz" -> "t.noisy.idx.gz".</summary>
    public static string NoisyPath(string output)
    {
        string dir = Path.GetDirectoryName(output) ?? "", name = Path.GetFileName(output);
        string ext = Path.GetExtension(name);
        if (ext.Equals(".gz", StringComparison.OrdinalIgnoreCase)) ext = Path.GetExtension(name[..^3]) + ext;
        return Path.Combine(dir, name[..^ext.Length] + ".noisy" + ext);
    }
}
