using System.Globalization;

namespace GpuAE.Data;

/// <summary>
/// Reads the Kaggle CSV layout of MNIST-like datasets: an optional header line
/// (<c>label,pixel1,...,pixel784</c>), then one image per line: its label 0..9 and 784 pixels 0..255.
/// The file is streamed line by line (raw or gzip); every error names the line and column.
/// </summary>
public static class CsvDatasetReader
{
    public const int ColumnCount = 1 + Dataset.PixelsPerImage;

    public static Dataset Read(string path, string name, string split)
    {
        using var reader = new StreamReader(DataFile.OpenDecompressed(path));
        var rows = new RowCollector();
        int lineNumber = 0;
        bool seenFirst = false;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                bool isHeader = !seenFirst && !StartsWithNumber(line);
                seenFirst = true;
                if (isHeader) CheckHeader(line, path, lineNumber);
                else ParseRow(line, path, lineNumber, rows);
            }
        }
        catch (InvalidDataException e) // a damaged gzip stream
        {
            throw new DataFormatException(path, $"line {lineNumber + 1}: the gzip data is damaged ({e.Message.TrimEnd('.')})", e);
        }
        if (!seenFirst) throw new DataFormatException(path, "the file is empty");
        if (rows.Count == 0) throw new DataFormatException(path, "the file has a header but no data lines");
        return Dataset.FromBytes(name, split, rows.Pixels, rows.Labels(), KnownDatasets.ClassNamesFor(name));
    }

    private static bool StartsWithNumber(string line)
    {
        var first = line.AsSpan();
        int comma = first.IndexOf(',');
        if (comma >= 0) first = first[..comma];
        return int.TryParse(first.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
    }

    private static void CheckHeader(string line, string path, int lineNumber)
    {
        int columns = line.AsSpan().Count(',') + 1;
        if (columns != ColumnCount)
            throw new DataFormatException(path, $"line {lineNumber}: the header has {columns} columns, expected {ColumnCount} (label, pixel1..pixel784)");
    }

    private static void ParseRow(string line, string path, int lineNumber, RowCollector rows)
    {
        int columns = line.AsSpan().Count(',') + 1;
        if (columns != ColumnCount)
            throw new DataFormatException(path, $"line {lineNumber}: {columns} columns, expected {ColumnCount} (label and 784 pixels)");
        Span<byte> pixels = rows.NextImage();
        int column = 0;
        foreach (var range in line.AsSpan().Split(','))
        {
            int value = ParseField(line.AsSpan()[range], path, lineNumber, column);
            if (column == 0) rows.AddLabel(CheckLabel(value, path, lineNumber));
            else pixels[column - 1] = CheckPixel(value, path, lineNumber, column);
            column++;
        }
    }

    private static int ParseField(ReadOnlySpan<char> field, string path, int lineNumber, int column)
    {
        if (int.TryParse(field.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) return value;
        throw new DataFormatException(path, $"line {lineNumber}, column {column + 1} ({ColumnName(column)}): '{Text.Printable.Of(field.Trim().ToString())}' is not an integer");
    }

    private static byte CheckLabel(int value, string path, int lineNumber) =>
        value is >= 0 and < Dataset.ClassCount
            ? (byte)value
            : throw new DataFormatException(path, $"line {lineNumber}: label {value} is outside 0..{Dataset.ClassCount - 1}");

    private static byte CheckPixel(int value, string path, int lineNumber, int column) =>
        value is >= 0 and <= 255
            ? (byte)value
            : throw new DataFormatException(path, $"line {lineNumber}, column {column + 1} ({ColumnName(column)}): pixel value {value} is outside 0..255");

    private static string ColumnName(int column) => column == 0 ? "label" : $"pixel{column}";

    /// <summary>Pixels and labels of the lines read so far, in arrays that grow by doubling.</summary>
    private sealed class RowCollector
    {
        private byte[] _pixels = new byte[1024 * Dataset.PixelsPerImage];
        private byte[] _labels = new byte[1024];

        public int Count { get; private set; }

        public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Count * Dataset.PixelsPerImage);

        public byte[] Labels() => _labels[..Count];

        /// <summary>The pixel slot of the next image; the image counts once its label is added.</summary>
        public Span<byte> NextImage()
        {
            if (Count == _labels.Length)
            {
                Array.Resize(ref _labels, 2 * _labels.Length);
                Array.Resize(ref _pixels, 2 * _pixels.Length);
            }
            return _pixels.AsSpan(Count * Dataset.PixelsPerImage, Dataset.PixelsPerImage);
        }

        public void AddLabel(byte label) => _labels[Count++] = label;
    }
}
