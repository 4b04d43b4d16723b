using GpuAE.Imaging;
using GpuAE.IO;

namespace GpuAE.Denoising;

/// <summary>
/// Reads a PNG or PGM image as gray (recognised by content, not by name; colour PNGs reduced with
/// BT.601 luma) and writes one as PNG or PGM by the output's extension. Errors name the file.
/// </summary>
public static class ImageFiles
{
    public static readonly string[] Extensions = [".png", ".pgm"];

    public static bool HasImageExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static GrayImage Load(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFormatException($"{path}: cannot read file: {e.Message}", e);
        }
        try
        {
            if (PgmCodec.HasSignature(data)) return PgmCodec.Decode(data);
            var png = PngReader.Decode(data);
            return new GrayImage(png.Width, png.Height, png.ToGray());
        }
        catch (ImageFormatException e)
        {
            string what = PgmCodec.HasSignature(data) || data.AsSpan().StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']) ? e.Message : "not a PNG or PGM image";
            throw new ImageFormatException($"{path}: {what}", e);
        }
    }

    /// <summary>Writes atomically: PGM (P5) for a .pgm name, PNG for .png.</summary>
    public static void Save(string path, GrayImage image)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        byte[] bytes = ext switch
        {
            ".pgm" => PgmCodec.Encode(image),
            ".png" => PngWriter.EncodeGray(image.Pixels, image.Width, image.Height),
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
