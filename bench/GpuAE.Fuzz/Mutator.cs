using System.Buffers.Binary;

namespace GpuAE.Fuzz;

/// <summary>
/// Byte-level mutations of a valid input: bit flips, bytes set to edge values, truncation,
/// insertion, deletion, duplicated and spliced chunks, and 32-bit fields overwritten with
/// extremes. A case applies one to four of them, drawn from its own seeded generator.
/// </summary>
public static class Mutator
{
    /// <summary>Values that break size arithmetic: zero, one, negative one, the int32 and uint16 edges.</summary>
    public static readonly int[] Extremes = [0, 1, -1, 2, 255, 256, 65535, 65536, int.MaxValue, int.MinValue, 0x40000000, 0x7FFF, 0x8000, 1 << 24];

    public static byte[] Bytes(byte[] input, Random r, byte[]? other = null)
    {
        var data = new List<byte>(input);
        int steps = 1 + r.Next(4);
        for (int s = 0; s < steps; s++) Step(data, r, other);
        return [.. data];
    }

    private static void Step(List<byte> d, Random r, byte[]? other)
    {
        int n = d.Count;
        switch (r.Next(9))
        {
            case 0: // flip a few bits
                if (n == 0) goto case 3;
                for (int i = 1 + r.Next(8); i > 0; i--) { int at = r.Next(n); d[at] ^= (byte)(1 << r.Next(8)); }
                break;
            case 1: // a byte set to an edge value
                if (n == 0) goto case 3;
                d[r.Next(n)] = (byte)new[] { 0x00, 0xFF, 0x7F, 0x80, 0x01, r.Next(256) }[r.Next(6)];
                break;
            case 2: // truncate
                if (n > 0) { int keep = r.Next(n); d.RemoveRange(keep, n - keep); }
                break;
            case 3: // insert random bytes
                {
                    var bytes = new byte[1 + r.Next(64)];
                    r.NextBytes(bytes);
                    d.InsertRange(r.Next(n + 1), bytes);
                    break;
                }
            case 4: // delete a range
                if (n == 0) goto case 3;
                { int at = r.Next(n); d.RemoveRange(at, Math.Min(n - at, 1 + r.Next(64))); }
                break;
            case 5: // duplicate a chunk
                if (n == 0) goto case 3;
                { int at = r.Next(n), len = Math.Min(n - at, 1 + r.Next(256)); d.InsertRange(r.Next(n + 1), d.GetRange(at, len)); }
                break;
            case 6: // a 32-bit field set to an extreme, either byte order
                if (n < 4) goto case 3;
                {
                    int at = r.Next(n - 3);
                    var field = new byte[4];
                    int v = Extremes[r.Next(Extremes.Length)];
                    if (r.Next(2) == 0) BinaryPrimitives.WriteInt32LittleEndian(field, v); else BinaryPrimitives.WriteInt32BigEndian(field, v);
                    for (int i = 0; i < 4; i++) d[at + i] = field[i];
                    break;
                }
            case 7: // splice in a chunk of another valid input
                if (other is null || other.Length == 0) goto case 0;
                { int at = r.Next(other.Length), len = Math.Min(other.Length - at, 1 + r.Next(512)); d.InsertRange(r.Next(n + 1), other.AsSpan(at, len).ToArray()); }
                break;
            default: // empty or almost empty
                if (r.Next(4) == 0) d.Clear(); else goto case 0;
                break;
        }
    }

    /// <summary>Writes an extreme 32-bit little-endian value at <paramref name="offset"/> (a header field of a known layout).</summary>
    public static void SetField(byte[] data, int offset, int size, Random r, bool bigEndian = false)
    {
        if (offset < 0 || offset + size > data.Length) return;
        long v = Extremes[r.Next(Extremes.Length)];
        for (int i = 0; i < size; i++)
        {
            int shift = 8 * (bigEndian ? size - 1 - i : i);
            data[offset + i] = (byte)(v >> shift);
        }
    }
}
