using System.Buffers.Binary;
using System.Text;

namespace GpuAE.Tests.Imaging;

/// <summary>Splits a PNG into its chunks (type, data offset, length, stored CRC) for structural assertions.</summary>
internal static class PngStructure
{
    public sealed record ChunkInfo(string Type, int Offset, int DataOffset, int Length, uint StoredCrc);

    public static List<ChunkInfo> Chunks(byte[] png)
    {
        var chunks = new List<ChunkInfo>();
        for (int offset = 8; offset < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            chunks.Add(new ChunkInfo(type, offset, offset + 8, length, crc));
            offset += 12 + length;
        }
        return chunks;
    }
}
