using System.Globalization;

namespace GpuAE.Data;

/// <summary>
/// Reads the Kaggle CSV layout of MNIST-like datasets: an optional header line
/// (<c>label,pixel1,...,pixelN</c>), then one image per line: its label and N pixels 0..255, row
/// by row. N must make a square image (784 = 28x28, 1024 = 32x32, ...); the first line fixes it and
/// every later line must match. Labels are 0..255, or 0..9 for a file named after MNIST or
/// Fashion-MNIST; the class names are theirs, else "0".."K-1" for K = the largest label + 1. The
/// file is streamed line by line (raw or gzip); every error names the line and column.
/// </summary>
public static class CsvDatasetReader
{
    public const int ColumnCount = 1 + Dataset.PixelsPerImage;

    /// <summary>The largest image a line may hold (4096 x 4096).</summary>
    public const int MaxSide = 4096, MaxPixelsPerImage = MaxSide * MaxSide;

    public static Dataset Read(string path, string name, string split)
    {
        using var reader = new StreamReader(DataFile.OpenDecompressed(path));
        RowCollector? rows = null;
        int lineNumber = 0;
        string? header = null;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (rows is null && header is null && !StartsWithNumber(line))
            {
                header = line;
                rows = new RowCollector(Shape(line, path, lineNumber, "the header"), lineNumber, path);
                continue;
            }
            rows ??= new RowCollector(Shape(line, path, lineNumber, "the first line"), lineNumber, path);
            ParseRow(line, path, lineNumber, rows, KnownDatasets.IsKnown(name));
        }
        if (rows is null) throw new DataFormatException(path, "the file is empty");
        if (rows.Count == 0) throw new DataFormatException(path, "the file has a header but no data lines");
        var labels = rows.Labels();
        return Dataset.FromBytes(name, split, rows.Pixels, labels, KnownDatasets.ClassNamesFor(name, labels), rows.Side, rows.Side);
    }

    private static bool StartsWithNumber(string line)
    {
        var first = line.AsSpan();
        int comma = first.IndexOf(',');
        if (comma >= 0) first = first[..comma];
        return int.TryParse(first.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>The image side the first line's columns give: a label and side^2 pixels.</summary>
    private static int Shape(string line, string path, int lineNumber, string what)
    {
        int columns = line.AsSpan().Count(',') + 1;
        int pixels = columns - 1;
        int side = (int)Math.Round(Math.Sqrt(pixels));
        if (pixels > MaxPixelsPerImage)
            throw new DataFormatException(path, $"line {lineNumber}: {what} has {columns} columns, more than the {MaxPixelsPerImage} pixels of a {MaxSide}x{MaxSide} image GpuAE reads");
        if (pixels < 1 || side * side != pixels)
            throw new DataFormatException(path, $"line {lineNumber}: {what} has {columns} columns; a label and N x N pixels are expected " +
                $"({ColumnCount} for 28x28 images: label, pixel1..pixel{Dataset.PixelsPerImage})");
        return side;
    }

    private static void ParseRow(string line, string path, int lineNumber, RowCollector rows, bool knownDataset)
    {
        int columns = line.AsSpan().Count(',') + 1;
        if (columns != rows.Columns)
            throw new DataFormatException(path, $"line {lineNumber}: {columns} columns, expected {rows.Columns} (label and {rows.Columns - 1} pixels, as line {rows.FirstLine})");
        Span<byte> pixels = rows.NextImage();
        int column = 0;
        foreach (var range in line.AsSpan().Split(','))
        {
            int value = ParseField(line.AsSpan()[range], path, lineNumber, column);
            if (column == 0) rows.AddLabel(CheckLabel(value, path, lineNumber, knownDataset ? KnownDatasets.ClassCount : Dataset.MaxClasses));
            else pixels[column - 1] = CheckPixel(value, path, lineNumber, column);
            column++;
        }
    }

    private static int ParseField(ReadOnlySpan<char> field, string path, int lineNumber, int column)
    {
        if (int.TryParse(field.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) return value;
        throw new DataFormatException(path, $"line {lineNumber}, column {column + 1} ({ColumnName(column)}): '{Text.Printable.Of(field.Trim().ToString(), 40)}' is not an integer");
    }

    private static byte CheckLabel(int value, string path, int lineNumber, int classes) =>
        value >= 0 && value < classes
            ? (byte)value
            : throw new DataFormatException(path, $"line {lineNumber}: label {value} is outside 0..{classes - 1}");

    private static byte CheckPixel(int value, string path, int lineNumber, int column) =>
        value is >= 0 and <= 255
            ? (byte)value
            : throw new DataFormatException(path, $"line {lineNumber}, column {column + 1} ({ColumnName(column)}): pixel value {value} is outside 0..255");

    private static string ColumnName(int column) => column == 0 ? "label" : $"pixel{column}";

    /// <summary>Pixels and labels of the lines read so far, in arrays that grow by doubling.</summary>
    private sealed class RowCollector(int side, int firstLine, string path)
    {
        // room for 64 images at first, or fewer when they are large (about 1 MB), doubled as lines come
        private static int FirstCapacity(int side) => Math.Clamp((1 << 20) / (side * side), 1, 64);
        private byte[] _pixels = new byte[FirstCapacity(side) * side * side];
        private byte[] _labels = new byte[FirstCapacity(side)];

        public int Side { get; } = side;
        public int PixelsPerImage => Side * Side;
        public int Columns => 1 + PixelsPerImage;

        /// <summary>The line that fixed the column count.</summary>
        public int FirstLine { get; } = firstLine;

        public int Count { get; private set; }

        public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Count * PixelsPerImage);

        public byte[] Labels() => _labels[..Count];

        /// <summary>The pixel slot of the next image; the image counts once its label is added.</summary>
        public Span<byte> NextImage()
        {
            if (Count == _labels.Length)
            {
                if ((long)_pixels.Length * 2 > Array.MaxLength) throw new DataFormatException(path, $"more than {Count} images of {Side}x{Side} do not fit in memory");
                Array.Resize(ref _labels, 2 * _labels.Length);
                Array.Resize(ref _pixels, 2 * _pixels.Length);
            }
            return _pixels.AsSpan(Count * PixelsPerImage, PixelsPerImage);
        }

        public void AddLabel(byte label) => _labels[Count++] = label;
    }
}
