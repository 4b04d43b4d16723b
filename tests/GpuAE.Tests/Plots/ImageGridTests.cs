using GpuAE.Plots;
using SkiaSharp;
using static GpuAE.Tests.Plots.ChartFileReading;

namespace GpuAE.Tests.Plots;

/// <summary>samples.png: rows of images with a label at the left and captions (PSNR) under the images.</summary>
public class ImageGridTests
{
    private static float[] Filled(int count, int size, float value) => Enumerable.Repeat(value, count * size).ToArray();

    private static SKBitmap Render(ImageGrid grid) => DecodePng(grid.EncodePng());

    [Fact]
    public void Images_are_upscaled_nearest_neighbour_right_of_the_labels()
    {
        var image = new float[3 * 2];
        image[5] = 1f; // bottom-right source pixel of a 3x2 image
        var grid = new ImageGrid(3, 2) { Scale = 10, Separator = 1 }.AddRow("x", image, 1);

        using var bitmap = Render(grid);
        int right = bitmap.Width - 1 - 1; // last column inside the border

        Assert.Equal(SKColors.White, Gray(bitmap.GetPixel(right - 5, 1 + 15))); // bottom-right block
        Assert.Equal(SKColors.Black, Gray(bitmap.GetPixel(right - 15, 1 + 15))); // its left neighbour
        Assert.Equal(SKColors.Black, Gray(bitmap.GetPixel(right - 5, 1 + 5))); // the block above it
    }

    private static SKColor Gray(SKColor c) => c.Red > 250 ? SKColors.White : c.Red < 5 ? SKColors.Black : c;

    [Fact]
    public void Rows_without_captions_stack_images_and_separators_only()
    {
        var grid = new ImageGrid(28, 28) { Scale = 2, Separator = 2 };
        for (int r = 0; r < 3; r++) grid.AddRow("row", Filled(5, 784, 0f), 5);

        using var bitmap = Render(grid);

        Assert.Equal(2 + 3 * (56 + 2), bitmap.Height);
    }

    [Fact]
    public void Captions_add_a_line_of_text_under_their_row()
    {
        var plain = new ImageGrid(28, 28).AddRow("noisy", Filled(2, 784, 0f), 2);
        var captioned = new ImageGrid(28, 28).AddRow("noisy", Filled(2, 784, 0f), 2, ["12.3 dB", "14.0 dB"]);

        using var a = Render(plain);
        using var b = Render(captioned);

        Assert.True(b.Height > a.Height + 10);
        Assert.True(Ink(b, 0, a.Height, b.Width, b.Height - a.Height) > 5_000, "the caption band holds text");
    }

    [Fact]
    public void Row_labels_are_drawn_left_of_the_images()
    {
        using var bitmap = Render(new ImageGrid(28, 28).AddRow("denoised", Filled(1, 784, 1f), 1));
        int labelWidth = bitmap.Width - 28 * 3 - 2 * 2;

        Assert.True(labelWidth > 40, $"label column is {labelWidth} px wide");
        Assert.True(Ink(bitmap, 0, 0, labelWidth, bitmap.Height) > 5_000, "the label column holds text");
    }

    [Fact]
    public void A_row_asking_for_more_images_than_its_batch_holds_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageGrid(28, 28).AddRow("clean", new float[784], 2));

        Assert.StartsWith("row 'clean': batch of 784 values holds 1 images of 28x28, asked for 2", e.Message);
    }

    [Fact]
    public void Captions_must_match_the_images()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageGrid(28, 28).AddRow("noisy", new float[784 * 2], 2, ["one"]));

        Assert.StartsWith("row 'noisy' has 2 images but 1 captions", e.Message);
    }

    [Fact]
    public void An_empty_grid_cannot_be_rendered() =>
        Assert.Throws<InvalidOperationException>(() => new ImageGrid(28, 28).EncodePng());
}
