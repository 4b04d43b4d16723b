using GpuAE.Imaging;
using GpuAE.Plots;

namespace GpuAE.Tests.Plots;

public class ImageGridTests
{
    private static float[] Filled(int size, float value) => Enumerable.Repeat(value, size).ToArray();

    [Fact]
    public void Size_is_cells_times_scale_plus_separators_including_the_border()
    {
        var grid = new ImageGrid(28, 28) { Scale = 2, Separator = 2 };
        for (int r = 0; r < 3; r++) grid.AddRow(Enumerable.Range(0, 5).Select(_ => Filled(784, 0f)));

        var image = grid.Render();

        Assert.Equal((5 * 56 + 6 * 2, 3 * 56 + 4 * 2), (image.Width, image.Height));
        Assert.Equal(1, image.Channels);
    }

    [Fact]
    public void Each_source_pixel_becomes_a_scale_by_scale_block_at_its_cell()
    {
        var second = new float[3 * 2];
        second[1 * 3 + 2] = 1f; // bottom-right source pixel of a 3x2 image
        var grid = new ImageGrid(3, 2) { Scale = 3, Separator = 1 }.AddRow([Filled(6, 0f), second]);

        var image = grid.Render();
        int left = grid.CellLeft(1), top = grid.CellTop(0);

        Assert.Equal(1 + 9 + 1, left);
        for (int dy = 0; dy < 3; dy++)
            for (int dx = 0; dx < 3; dx++)
                Assert.Equal(255, image.Pixels[(top + 3 + dy) * image.Width + left + 6 + dx]);
        Assert.Equal(0, image.Pixels[(top + 2) * image.Width + left + 6]);
        Assert.Equal(0, image.Pixels[(top + 3) * image.Width + left + 5]);
    }

    [Fact]
    public void Separators_and_border_use_the_separator_level()
    {
        var grid = new ImageGrid(2, 2) { Scale = 1, Separator = 1, SeparatorLevel = 77 }
            .AddRow([Filled(4, 1f), Filled(4, 1f)]);

        var image = grid.Render();

        Assert.Equal(77, image.Pixels[0]);                    // corner of the border
        Assert.Equal(77, image.Pixels[1 * image.Width + 3]);  // column between the cells
        Assert.Equal(255, image.Pixels[1 * image.Width + 1]); // inside the first cell
    }

    [Fact]
    public void Values_are_clamped_and_NaN_is_black()
    {
        var grid = new ImageGrid(4, 1) { Scale = 1, Separator = 0 }.AddRow([[-1f, 2f, float.NaN, 0.5f]]);

        Assert.Equal(new byte[] { 0, 255, 0, 128 }, grid.Render().Pixels);
    }

    [Fact]
    public void Row_from_a_contiguous_batch_matches_row_from_separate_images()
    {
        float[] batch = Enumerable.Range(0, 3 * 4).Select(i => i / 12f).ToArray();
        var fromBatch = new ImageGrid(2, 2) { Scale = 2 }.AddRow(batch, 3);
        var fromImages = new ImageGrid(2, 2) { Scale = 2 }.AddRow(batch.Chunk(4));

        Assert.Equal(fromImages.Render().Pixels, fromBatch.Render().Pixels);
    }

    [Fact]
    public void Shorter_rows_are_padded_with_separator_cells()
    {
        var grid = new ImageGrid(1, 1) { Scale = 1, Separator = 1, SeparatorLevel = 9 }
            .AddRow([[1f], [1f]]).AddRow([[1f]]);

        var image = grid.Render();

        Assert.Equal((5, 5), (image.Width, image.Height));
        Assert.Equal(9, image.Pixels[3 * 5 + 3]); // second row, second (missing) cell
    }

    [Fact]
    public void Image_of_the_wrong_size_is_rejected_with_its_position()
    {
        var grid = new ImageGrid(28, 28).AddRow([Filled(784, 0f)]);

        var e = Assert.Throws<ArgumentException>(() => grid.AddRow([Filled(784, 0f), Filled(700, 0f)]));

        Assert.StartsWith("row 1, image 1 has 700 values, expected 784 (28x28)", e.Message);
    }

    [Fact]
    public void Empty_grid_cannot_be_rendered()
    {
        Assert.Throws<InvalidOperationException>(() => new ImageGrid(28, 28).Render());
    }

    [Fact]
    public void Encoded_grid_decodes_to_the_rendered_pixels()
    {
        var grid = new ImageGrid(5, 3) { Scale = 2 }.AddRow([Enumerable.Range(0, 15).Select(i => i / 14f).ToArray()]);

        Assert.Equal(grid.Render().Pixels, PngReader.Decode(grid.EncodePng()).Pixels);
    }
}
