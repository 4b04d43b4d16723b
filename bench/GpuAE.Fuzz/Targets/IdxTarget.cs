using System.IO.Compression;
using GpuAE.Data;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// IDX image and label files, raw and gzipped, read as `gpuae` reads datasets and `denoise`
/// reads IDX inputs. Mutations hit the bytes and the header (magic, counts, rows, columns); a
/// gzipped case mutates either the compressed bytes or the IDX content before compressing it,
/// so the IDX checks behind the gzip layer are reached.
/// </summary>
public sealed class IdxTarget : FuzzTarget
{
    public override string Name => "idx";

    public override IReadOnlyList<Seed> Seeds()
    {
        var random = new Random(1);
        var pixels = new byte[20 * 28 * 28];
        random.NextBytes(pixels);
        var labels = pixels.Take(20).Select(b => (byte)(b % 10)).ToArray();
        byte[] images = IdxWriter.ImagesToBytes(20, 28, 28, pixels), labelFile = IdxWriter.LabelsToBytes(labels);
        return
        [
            new("t10k-images-idx3-ubyte", images), new("t10k-images-idx3-ubyte.gz", Gzip(images)),
            new("t10k-labels-idx1-ubyte", labelFile), new("t10k-labels-idx1-ubyte.gz", Gzip(labelFile)),
            new("small-images-idx3-ubyte", IdxWriter.ImagesToBytes(3, 5, 7, pixels.AsSpan(0, 105))),
        ];
    }

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all)
    {
        bool gz = seed.Name.EndsWith(".gz");
        if (gz && r.Next(2) == 0) return Gzip(MutateContent(Gunzip(seed.Bytes), r, all));
        return gz ? base.Mutate(seed, r, all) : MutateContent(seed.Bytes, r, all);
    }

    private byte[] MutateContent(byte[] content, Random r, IReadOnlyList<Seed> all)
    {
        if (r.Next(2) == 0) return Mutator.Bytes(content, r, all[r.Next(all.Count)].Bytes);
        var copy = (byte[])content.Clone();
        Mutator.SetField(copy, 4 * r.Next(4), 4, r, bigEndian: true); // magic, count, rows, columns
        return copy;
    }

    public override void Read(string folder, Seed seed, byte[] input)
    {
        string path = Path.Combine(folder, seed.Name);
        File.WriteAllBytes(path, input);
        if (seed.Name.Contains("labels")) IdxReader.ReadLabels(path);
        else IdxReader.ReadImages(path);
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}
