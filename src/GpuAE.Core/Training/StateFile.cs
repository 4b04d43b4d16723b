using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.IO;
using GpuAE.Text;

namespace GpuAE.Training;

/// <summary>A named float tensor of a state file.</summary>
public sealed record StateTensorData(string Name, int[] Shape, float[] Data);

/// <summary>
/// The file a resumable run keeps its state in (resume.gae): a JSON header and named float
/// tensors, written whole to a temporary file and renamed (<see cref="AtomicFile"/>), so a kill
/// at any moment leaves either the previous state or the new one.
/// Layout (little-endian): magic "GPUAERES", uint32 version (1), uint32 n + n bytes of UTF-8 JSON,
/// uint32 tensor count, then per tensor: uint16 n + UTF-8 name, uint8 rank, rank x int32 dims,
/// float32 data; finally uint32 CRC-32 of every preceding byte. Loading checks the magic, the
/// version, the CRC and every size against the file's length before it allocates.
/// </summary>
public static class StateFile
{
    private static readonly byte[] Magic = "GPUAERES"u8.ToArray();
    public const uint Version = 1;

    public static void Save(string path, JsonObject header, IEnumerable<StateTensorData> tensors)
    {
        var list = tensors.ToList();
        AtomicFile.Write(path, stream =>
        {
            var crc = new Crc32Stream(stream);
            using var w = new BinaryWriter(crc, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            var json = Encoding.UTF8.GetBytes(header.ToJsonString(JsonOptions));
            w.Write((uint)json.Length);
            w.Write(json);
            w.Write((uint)list.Count);
            foreach (var t in list)
            {
                var name = Encoding.UTF8.GetBytes(t.Name);
                if (name.Length > ushort.MaxValue || t.Shape.Length > byte.MaxValue) throw new ArgumentException($"state tensor '{Printable.Of(t.Name)}': name or rank too long");
                w.Write((ushort)name.Length);
                w.Write(name);
                w.Write((byte)t.Shape.Length);
                foreach (int d in t.Shape) w.Write(d);
                w.Write(MemoryMarshal.AsBytes(t.Data.AsSpan()));
            }
            w.Flush();
            Span<byte> tail = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(tail, crc.Crc);
            stream.Write(tail);
        });
    }

    /// <summary>The header and the tensors by name; a damaged file is a <see cref="StateFileException"/> naming it.</summary>
    public static (JsonObject Header, Dictionary<string, StateTensorData> Tensors) Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 16 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Bad(path, "is not a GpuAE resume state (bad magic)");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        if (Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)) != stored) throw Bad(path, "is corrupt (CRC mismatch)");
        var r = new SpanReader(bytes, bytes.Length - 4, path);
        r.Skip(Magic.Length);
        uint version = r.UInt32();
        if (version != Version) throw Bad(path, $"has version {version}; this GpuAE reads version {Version}");
        JsonObject header;
        try { header = JsonNode.Parse(r.Bytes(r.UInt32()), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })?.AsObject() ?? throw Bad(path, "has an empty header"); }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { throw Bad(path, $"has a malformed header ({Printable.Of(e.Message, 120)})"); }
        uint count = r.UInt32();
        var tensors = new Dictionary<string, StateTensorData>();
        for (uint i = 0; i < count; i++)
        {
            string name = Encoding.UTF8.GetString(r.Bytes(r.UInt16()));
            var shape = new int[r.Byte()];
            long length = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = r.Int32();
                if (shape[d] < 0) throw Bad(path, $"tensor '{Printable.Of(name)}' has a negative size");
                length = Math.Min(length * shape[d], long.MaxValue / 8);
            }
            if (length * sizeof(float) > r.Remaining) throw Bad(path, $"tensor '{Printable.Of(name)}' is truncated");
            var data = MemoryMarshal.Cast<byte, float>(r.Bytes((uint)(length * sizeof(float)))).ToArray();
            if (!tensors.TryAdd(name, new StateTensorData(name, shape, data))) throw Bad(path, $"tensor '{Printable.Of(name)}' appears twice");
        }
        if (r.Remaining != 0) throw Bad(path, $"has {r.Remaining} bytes after its last tensor");
        return (header, tensors);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static StateFileException Bad(string path, string what) => new($"resume state '{Printable.Path(path)}' {what}");

    /// <summary>Reads little-endian fields and never past the end: a short file is a clean error, not an exception from deep inside.</summary>
    private sealed class SpanReader(byte[] bytes, int length, string path)
    {
        private int _at;
        public long Remaining => length - _at;
        public void Skip(int n) => Take(n);
        public byte Byte() => Take(1)[0];
        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        public ReadOnlySpan<byte> Bytes(uint n) => n > Remaining ? throw Bad(path, "is truncated") : Take((int)n);

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n > Remaining) throw Bad(path, "is truncated");
            var span = bytes.AsSpan(_at, n);
            _at += n;
            return span;
        }
    }

    /// <summary>Passes writes through and keeps the CRC-32 of everything written.</summary>
    private sealed class Crc32Stream(Stream inner) : Stream
    {
        public uint Crc { get; private set; }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Crc = Crc32.Append(Crc, buffer);
            inner.Write(buffer);
        }
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>A resume state file that cannot be read: the message names it and says what is wrong.</summary>
public sealed class StateFileException(string message) : Exception(message);
