using System.Buffers.Binary;
using System.Text;
using GpuAE.Denoising;
using GpuAE.Imaging;
using GpuAE.IO;
using GpuAE.Tests.Imaging;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// Image files `denoise` reads: PNG (gray, 16-bit, palette, interlaced, RGB), JPEG, WebP, BMP,
/// GIF and PGM (binary and plain). PNG cases get their chunk CRCs recomputed most of the time,
/// and their width and height set to extremes, so the decoder's checks behind the CRCs are reached.
/// </summary>
public sealed class ImageTarget : FuzzTarget
{
    public override string Name => "image";

    public override IReadOnlyList<Seed> Seeds()
    {
        var levels = TestImageFiles.Levels(28, 28);
        var rgb = levels.SelectMany(v => new[] { v, (byte)(255 - v), (byte)(v / 2) }).ToArray();
        var pgm = Encoding.ASCII.GetBytes("P5\n28 28\n255\n").Concat(levels).ToArray();
        var plain = Encoding.ASCII.GetBytes("P2\n3 2\n255\n0 128 255\n1 2 3\n");
        return
        [
            new("gray.png", TestImageFiles.GrayPng(levels.Select(v => v / 255f).ToArray(), 28, 28)),
            new("gray16.png", TestImageFiles.Gray16Png(levels.Select(v => (ushort)(v * 257)).ToArray(), 28, 28)),
            new("palette.png", TestImageFiles.PalettePng(levels.Select(v => (byte)(v % 4)).ToArray(), [(0, 0, 0), (255, 0, 0), (0, 255, 0), (255, 255, 255)], 28, 28)),
            new("interlaced.png", TestImageFiles.InterlacedGrayPng(levels, 28, 28)),
            new("rgb.png", TestImageFiles.ColourPng(rgb, 28, 28, 3)),
            new("image.jpg", TestImageFiles.Jpeg(levels, 28, 28)),
            new("image.webp", TestImageFiles.Webp(levels, 28, 28)),
            new("image.bmp", TestImageFiles.Bmp(rgb, 28, 28)),
            new("image.gif", TestImageFiles.Gif(levels, 28, 28)),
            new("image.pgm", pgm),
            new("plain.pgm", plain),
        ];
    }

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all)
    {
        if (!seed.Name.EndsWith(".png")) return base.Mutate(seed, r, all);
        var data = r.Next(4) == 0 ? WithSize((byte[])seed.Bytes.Clone(), r) : base.Mutate(seed, r, all);
        return r.Next(100) < 80 ? WithChunkCrcs(data) : data;
    }

    /// <summary>IHDR's width or height (offsets 16 and 20, big-endian) set to an extreme.</summary>
    private static byte[] WithSize(byte[] png, Random r)
    {
        Mutator.SetField(png, 16 + 4 * r.Next(2), 4, r, bigEndian: true);
        return png;
    }

    /// <summary>Every chunk's CRC recomputed as a valid writer would, as far as the chunk lengths allow.</summary>
    public static byte[] WithChunkCrcs(byte[] png)
    {
        var d = (byte[])png.Clone();
        for (int at = 8; at + 12 <= d.Length;)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(at));
            if (length > d.Length - at - 12) break;
            int end = at + 8 + (int)length;
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(end), Crc32.Compute(d.AsSpan(at + 4, (int)length + 4)));
            at = end + 4;
        }
        return d;
    }

    public override void Read(string folder, Seed seed, byte[] input)
    {
        string path = Path.Combine(folder, seed.Name);
        File.WriteAllBytes(path, input);
        ImageFiles.Load(path);
    }
}
