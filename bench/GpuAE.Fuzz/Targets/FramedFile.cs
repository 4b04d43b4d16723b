using System.Buffers.Binary;
using GpuAE.IO;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// Mutations of GpuAE's framed binary files, checkpoints (model.gae) and resume states
/// (resume.gae), which share a layout: 8-byte magic, uint32 version, uint32 length + JSON,
/// uint32 tensor count, per tensor uint16 name length + name, uint8 rank, int32 dims, float32
/// data; then a CRC-32 of everything before it. A case mutates the bytes, one header field
/// (set to an extreme) or the JSON (kept parseable), and most cases get a correct CRC again.
/// </summary>
public static class FramedFile
{
    public static byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all)
    {
        var body = seed.Bytes[..^4];
        byte[] data = r.Next(3) switch
        {
            0 => Mutator.Bytes(body, r, all[r.Next(all.Count)].Bytes),
            1 => WithField(body, r),
            _ => WithJson(body, r),
        };
        return r.Next(100) < 85 ? WithCrc(data) : [.. data, .. seed.Bytes[^4..]];
    }

    /// <summary>The data followed by its CRC-32, as a valid writer would leave it.</summary>
    public static byte[] WithCrc(byte[] data)
    {
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.Compute(data));
        return [.. data, .. crc];
    }

    /// <summary>Offsets and sizes of the header fields of a valid file (without its CRC).</summary>
    private static List<(int Offset, int Size)> Fields(byte[] d)
    {
        var fields = new List<(int, int)> { (8, 4), (12, 4) };
        int at = 16 + BinaryPrimitives.ReadInt32LittleEndian(d.AsSpan(12));
        fields.Add((at, 4));
        int count = BinaryPrimitives.ReadInt32LittleEndian(d.AsSpan(at));
        at += 4;
        for (int t = 0; t < count && at + 3 <= d.Length; t++)
        {
            fields.Add((at, 2));
            at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(at));
            fields.Add((at, 1));
            int rank = d[at++];
            long length = 1;
            for (int k = 0; k < rank; k++) { fields.Add((at, 4)); length *= BinaryPrimitives.ReadInt32LittleEndian(d.AsSpan(at)); at += 4; }
            at += (int)(4 * length);
        }
        return fields;
    }

    private static byte[] WithField(byte[] data, Random r)
    {
        var copy = (byte[])data.Clone();
        var fields = Fields(copy);
        var (offset, size) = fields[r.Next(fields.Count)];
        Mutator.SetField(copy, offset, size, r);
        return copy;
    }

    private static byte[] WithJson(byte[] data, Random r)
    {
        int json = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(12));
        var mutated = JsonMutator.Mutate(data[16..(16 + json)], r);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, mutated.Length);
        return [.. data[..12], .. length, .. mutated, .. data[(16 + json)..]];
    }
}
