using GpuAE.Imaging;
using GpuAE.IO;
using SkiaSharp;

namespace GpuAE.Plots;

/// <summary>
/// Tiles same-size grayscale images (values in [0,1]) into one PNG drawn with SkiaSharp: each row has
/// a label at its left (e.g. clean / noisy / denoised; '\n' starts a second, smaller line) and,
/// optionally, a caption under each image (e.g. its PSNR), so the picture reads without a caption of
/// its own. Images are upscaled by whole
/// factors (nearest neighbour) so small digits stay crisp, and framed by gray separator lines.
/// Out-of-range values are clamped; NaN renders black.
/// </summary>
public sealed class ImageGrid
{
    private const float TextSize = 15, SmallTextSize = 12, Padding = 8;
    private readonly List<(string Label, float[][] Images, string[]? Captions)> _rows = [];

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
    public int Scale { get; init => field = value is >= 1 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(Scale), $"scale must be 1..16, got {value}"); } = 3;

    /// <summary>Width in pixels of the lines between images and around each row, 0..16.</summary>
    public int Separator { get; init => field = value is >= 0 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(Separator), $"separator must be 0..16 pixels, got {value}"); } = 2;

    public int RowCount => _rows.Count;
    public int ColumnCount => _rows.Count == 0 ? 0 : _rows.Max(r => r.Images.Length);

    /// <summary>
    /// Adds a row of the first <paramref name="count"/> images of a contiguous batch (image after image),
    /// with a label and, when given, one caption per image.
    /// </summary>
    public ImageGrid AddRow(string label, ReadOnlySpan<float> batch, int count, IReadOnlyList<string>? captions = null)
    {
        int size = ImageWidth * ImageHeight;
        if (count < 0 || (long)count * size > batch.Length)
            throw new ArgumentException($"row '{label}': batch of {batch.Length} values holds {batch.Length / size} images of {ImageWidth}x{ImageHeight}, asked for {count}", nameof(count));
        if (captions is not null && captions.Count != count)
            throw new ArgumentException($"row '{label}' has {count} images but {captions.Count} captions", nameof(captions));
        var images = new float[count][];
        for (int i = 0; i < count; i++) images[i] = batch.Slice(i * size, size).ToArray();
        _rows.Add((label, images, captions?.ToArray()));
        return this;
    }

    private int CellWidth => ImageWidth * Scale;
    private int CellHeight => ImageHeight * Scale;
    private static int CaptionHeight => (int)(TextSize + Padding);

    private int LabelWidth(SKFont font, SKFont small) => (int)Math.Ceiling(_rows.Max(r =>
        r.Label.Split('\n').Select((line, i) => (i == 0 ? font : small).MeasureText(line)).Max()) + 2 * Padding);
    private int RowHeight(int r) => CellHeight + Separator + (_rows[r].Captions is null ? 0 : CaptionHeight);

    /// <summary>The grid as a bitmap (caller disposes).</summary>
    public SKBitmap Render()
    {
        if (RowCount == 0 || ColumnCount == 0) throw new InvalidOperationException("image grid has no images to render");
        using var font = new SKFont(ChartFonts.Regular, TextSize);
        using var small = new SKFont(ChartFonts.Regular, SmallTextSize);
        int left = LabelWidth(font, small);
        int width = left + ColumnCount * (CellWidth + Separator) + Separator;
        int height = Separator + Enumerable.Range(0, RowCount).Sum(RowHeight);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var text = new SKPaint { Color = new SKColor(0x22, 0x22, 0x22), IsAntialias = true };
        using var separator = new SKPaint { Color = new SKColor(128, 128, 128) };
        int top = Separator;
        for (int r = 0; r < RowCount; r++)
        {
            var (label, images, captions) = _rows[r];
            canvas.DrawRect(left, top - Separator, images.Length * (CellWidth + Separator) + Separator, CellHeight + 2 * Separator, separator);
            DrawLabel(canvas, label, left - Padding, top + CellHeight / 2f, font, small, text);
            for (int c = 0; c < images.Length; c++)
            {
                int x = left + Separator + c * (CellWidth + Separator);
                DrawImage(canvas, images[c], x, top);
                if (captions is not null)
                    canvas.DrawText(captions[c], x + CellWidth / 2f, top + CellHeight + Separator + TextSize, SKTextAlign.Center, font, text);
            }
            top += RowHeight(r);
        }
        return bitmap;
    }

    /// <summary>The label's lines right-aligned at <paramref name="right"/>, centred as a block on <paramref name="middle"/>.</summary>
    private static void DrawLabel(SKCanvas canvas, string label, float right, float middle, SKFont font, SKFont small, SKPaint paint)
    {
        var lines = label.Split('\n');
        float height = TextSize + (lines.Length - 1) * (SmallTextSize + 4);
        float baseline = middle - height / 2 + TextSize * 0.8f;
        for (int i = 0; i < lines.Length; i++)
        {
            canvas.DrawText(lines[i], right, baseline, SKTextAlign.Right, i == 0 ? font : small, paint);
            baseline += SmallTextSize + 4;
        }
    }

    public byte[] EncodePng()
    {
        using var bitmap = Render();
        return ImageCodec.EncodePng(bitmap);
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, EncodePng());

    private void DrawImage(SKCanvas canvas, float[] image, int x, int y)
    {
        byte[] levels = GrayLevels.Quantize(image);
        using var imageData = SKImage.FromPixelCopy(new SKImageInfo(ImageWidth, ImageHeight, SKColorType.Gray8, SKAlphaType.Opaque), levels, ImageWidth);
        // nearest-neighbour: each source pixel becomes a Scale x Scale block
        canvas.DrawImage(imageData, new SKRect(x, y, x + CellWidth, y + CellHeight), new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
    }
}
