using GpuAE.Imaging;
using GpuAE.IO;

namespace GpuAE.Plots;

/// <summary>
/// Tiles same-size grayscale images (values in [0,1]) into one PNG: each added row becomes a row of
/// cells, e.g. clean / noisy / denoised. Cells are upscaled by whole factors (nearest neighbour) so
/// small digits stay crisp, and framed by separator lines, the outer border included.
/// Out-of-range values are clamped; NaN renders black. Rows shorter than the longest are padded with
/// separator-coloured cells.
/// </summary>
public sealed class ImageGrid
{
    private readonly List<float[][]> _rows = [];

    public ImageGrid(int imageWidth, int imageHeight)
    {
        if (imageWidth <= 0 || imageHeight <= 0)
            throw new ArgumentOutOfRangeException(nameof(imageWidth), $"image size must be positive, got {imageWidth}x{imageHeight}");
        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
    }

    public int ImageWidth { get; }
    public int ImageHeight { get; }

    /// <summary>Nearest-neighbour upscaling factor, 1..16.</summary>
    public int Scale { get; init => field = value is >= 1 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(Scale), $"scale must be 1..16, got {value}"); } = 2;

    /// <summary>Width in output pixels of the lines between cells and around the grid, 0..16.</summary>
    public int Separator { get; init => field = value is >= 0 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(Separator), $"separator must be 0..16 pixels, got {value}"); } = 2;

    /// <summary>Gray level of separator lines; mid gray shows against both black and white digits.</summary>
    public byte SeparatorLevel { get; init; } = 128;

    public int RowCount => _rows.Count;
    public int ColumnCount => _rows.Count == 0 ? 0 : _rows.Max(r => r.Length);

    /// <summary>Output width in pixels: cells plus separators, border included.</summary>
    public int PixelWidth => ColumnCount * ImageWidth * Scale + (ColumnCount + 1) * Separator;
    public int PixelHeight => RowCount * ImageHeight * Scale + (RowCount + 1) * Separator;

    /// <summary>Adds a row of images, each <see cref="ImageWidth"/> x <see cref="ImageHeight"/> values, row-major.</summary>
    public ImageGrid AddRow(IEnumerable<float[]> images)
    {
        var row = images.ToArray();
        for (int i = 0; i < row.Length; i++)
            if (row[i].Length != ImageWidth * ImageHeight)
                throw new ArgumentException($"row {_rows.Count}, image {i} has {row[i].Length} values, expected {ImageWidth * ImageHeight} ({ImageWidth}x{ImageHeight})", nameof(images));
        _rows.Add(row);
        return this;
    }

    /// <summary>Adds a row from the first <paramref name="count"/> images of a contiguous batch (image after image).</summary>
    public ImageGrid AddRow(ReadOnlySpan<float> batch, int count)
    {
        int size = ImageWidth * ImageHeight;
        if (count < 0 || (long)count * size > batch.Length)
            throw new ArgumentException($"row {_rows.Count}: batch of {batch.Length} values holds {batch.Length / size} images of {ImageWidth}x{ImageHeight}, asked for {count}", nameof(count));
        var row = new float[count][];
        for (int i = 0; i < count; i++) row[i] = batch.Slice(i * size, size).ToArray();
        _rows.Add(row);
        return this;
    }

    public PngImage Render()
    {
        if (RowCount == 0 || ColumnCount == 0) throw new InvalidOperationException("image grid has no images to render");
        int width = PixelWidth, height = PixelHeight;
        var pixels = new byte[width * height];
        Array.Fill(pixels, SeparatorLevel);
        for (int r = 0; r < _rows.Count; r++)
            for (int c = 0; c < _rows[r].Length; c++)
                DrawCell(pixels, width, CellLeft(c), CellTop(r), _rows[r][c]);
        return new PngImage(width, height, 1, pixels);
    }

    public byte[] EncodePng() => PngWriter.Encode(Render());

    public void Save(string path) => AtomicFile.WriteAllBytes(path, EncodePng());

    /// <summary>Left edge, in output pixels, of cell column <paramref name="column"/>.</summary>
    public int CellLeft(int column) => Separator + column * (ImageWidth * Scale + Separator);

    public int CellTop(int row) => Separator + row * (ImageHeight * Scale + Separator);

    private void DrawCell(byte[] pixels, int stride, int left, int top, float[] image)
    {
        byte[] levels = PngWriter.Quantize(image);
        for (int y = 0; y < ImageHeight * Scale; y++)
        {
            int source = y / Scale * ImageWidth;
            int target = (top + y) * stride + left;
            for (int x = 0; x < ImageWidth * Scale; x++) pixels[target + x] = levels[source + x / Scale];
        }
    }
}
