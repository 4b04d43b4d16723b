using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GpuAE.IO;

/// <summary>
/// NumPy's .npy format, version 1.0, for C-ordered little-endian arrays of float32 ('&lt;f4') or
/// int64 ('&lt;i8'): the magic "\x93NUMPY", version bytes 1 0, a uint16 header length, the header
/// (a Python dict literal: descr, fortran_order False, shape) padded with spaces to end in '\n' at
/// a multiple of 64 bytes, then the raw values. `numpy.load` reads what this writes; the reader
/// takes versions 1 to 3 of these two dtypes (also '&lt;f8' and '&lt;i4', converted) and
/// rejects everything else in one line.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static byte[] Float32(ReadOnlySpan<float> values, params int[] shape) =>
        Build("<f4", shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), values.Length);

    public static byte[] Int64(ReadOnlySpan<long> values, params int[] shape) =>
        Build("<i8", shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), values.Length);

    private static byte[] Build(string descr, int[] shape, ReadOnlySpan<byte> data, int count)
    {
        if (shape.Aggregate(1L, (a, b) => a * b) != count) throw new ArgumentException($"{count} values do not fill shape ({string.Join(", ", shape)})");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("NpyFile writes little-endian data on little-endian machines only");
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        string header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        var bytes = new byte[Magic.Length + 4 + header.Length + data.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(10));
        data.CopyTo(bytes.AsSpan(10 + header.Length));
        return bytes;
    }

    /// <summary>An array read from a file: its shape and its values as float (an int64 array's values converted).</summary>
    public sealed record Array(int[] Shape, float[] Values, long[]? Integers);

    [GeneratedRegex(@"^\{\s*'descr'\s*:\s*'(?<descr>[^']*)'\s*,\s*'fortran_order'\s*:\s*(?<fortran>True|False)\s*,\s*'shape'\s*:\s*\((?<shape>[0-9,\s]*)\)\s*,?\s*\}\s*$")]
    private static partial Regex HeaderPattern();

    /// <param name="path">Names the file in errors.</param>
    public static Array Read(byte[] bytes, string path)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic)) throw new FormatException($"{path}: not a NumPy .npy file (bad magic)");
        int major = bytes[6];
        int headerStart = major == 1 ? 10 : 12;
        if (major is < 1 or > 3 || bytes.Length < headerStart) throw new FormatException($"{path}: .npy version {major}.{bytes[7]} is not one GpuAE reads (1 to 3)");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (headerStart + headerLength > bytes.Length) throw new FormatException($"{path}: truncated inside its .npy header");
        string header = Encoding.Latin1.GetString(bytes, headerStart, (int)headerLength);
        var m = HeaderPattern().Match(header);
        if (!m.Success) throw new FormatException($"{path}: the .npy header is not the dict of descr, fortran_order and shape GpuAE reads");
        if (m.Groups["fortran"].Value == "True") throw new FormatException($"{path}: Fortran-ordered arrays are not read (save with numpy.ascontiguousarray)");
        var shape = m.Groups["shape"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw new FormatException($"{path}: shape dimension '{d}' is not a size")).ToArray();
        long count = 1;
        foreach (int d in shape)
        {
            if (d != 0 && count > bytes.Length / d) throw new FormatException($"{path}: shape ({string.Join(", ", shape)}) holds more values than the file");
            count *= d;
        }
        string descr = m.Groups["descr"].Value;
        int width = descr switch { "<f4" or "<i4" => 4, "<f8" or "<i8" => 8, _ => throw new FormatException($"{path}: dtype '{descr}' is not read (use float32, float64, int32 or int64, little-endian)") };
        long start = headerStart + headerLength;
        if (count * width != bytes.Length - start)
            throw new FormatException($"{path}: shape ({string.Join(", ", shape)}) of {descr} needs {count * width} data bytes, the file has {bytes.Length - start}");
        var data = bytes.AsSpan((int)start);
        var values = new float[count];
        long[]? integers = descr[1] == 'i' ? new long[count] : null;
        for (int i = 0; i < count; i++)
        {
            var item = data.Slice(i * width, width);
            (values[i], long integer) = descr switch
            {
                "<f4" => (BinaryPrimitives.ReadSingleLittleEndian(item), 0L),
                "<f8" => ((float)BinaryPrimitives.ReadDoubleLittleEndian(item), 0L),
                "<i4" => (BinaryPrimitives.ReadInt32LittleEndian(item), BinaryPrimitives.ReadInt32LittleEndian(item)),
                _ => (BinaryPrimitives.ReadInt64LittleEndian(item), BinaryPrimitives.ReadInt64LittleEndian(item)),
            };
            if (integers is not null) integers[i] = integer;
        }
        return new Array(shape, values, integers);
    }
}
