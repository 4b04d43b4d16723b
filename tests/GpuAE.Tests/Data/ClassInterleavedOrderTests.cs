using GpuAE.Data;

namespace GpuAE.Tests.Data;

public sealed class ClassInterleavedOrderTests
{
    [Fact]
    public void Puts_the_r_th_image_of_class_c_at_r_times_10_plus_c()
    {
        var grouped = GroupedByClass(perClass: 3);

        var (images, labels) = Apply(grouped);

        Assert.Equal(Interleave(grouped).Labels, labels);
        Assert.Equal(Interleave(grouped).Pixels, images);
    }

    [Fact]
    public void Leaves_an_interleaved_split_unchanged()
    {
        var interleaved = Interleave(GroupedByClass(perClass: 2));

        var (images, labels) = Apply(interleaved);

        Assert.Equal(interleaved.Pixels, images);
        Assert.Equal(interleaved.Labels, labels);
    }

    [Fact]
    public void Rejects_classes_of_different_sizes()
    {
        byte[] labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
        var split = (new byte[labels.Length * 784], labels);

        var e = Assert.Throws<DataFormatException>(() => Apply(split));

        Assert.Contains("class counts differ (2, 1, 1", e.Message);
    }

    /// <summary>A split with images grouped by class: all of class 0, then class 1, ...; image k's first pixel is k.</summary>
    internal static (byte[] Pixels, byte[] Labels) GroupedByClass(int perClass)
    {
        int count = perClass * 10;
        var pixels = new byte[count * 784];
        for (int k = 0; k < count; k++) pixels[k * 784] = (byte)k;
        return (pixels, Enumerable.Range(0, count).Select(k => (byte)(k / perClass)).ToArray());
    }

    /// <summary>The expected canonical order, computed independently of the production code.</summary>
    internal static (byte[] Pixels, byte[] Labels) Interleave((byte[] Pixels, byte[] Labels) grouped)
    {
        int count = grouped.Labels.Length, perClass = count / 10;
        var pixels = new byte[grouped.Pixels.Length];
        var labels = new byte[count];
        for (int c = 0; c < 10; c++)
            for (int r = 0; r < perClass; r++)
            {
                int from = c * perClass + r, to = r * 10 + c;
                grouped.Pixels.AsSpan(from * 784, 784).CopyTo(pixels.AsSpan(to * 784));
                labels[to] = grouped.Labels[from];
            }
        return (pixels, labels);
    }

    private static (byte[] Pixels, byte[] Labels) Apply((byte[] Pixels, byte[] Labels) split)
    {
        var (images, labels) = ClassInterleavedOrder.Apply(
            IdxWriter.ImagesToBytes(split.Labels.Length, 28, 28, split.Pixels), IdxWriter.LabelsToBytes(split.Labels), "split");
        return (IdxReader.ReadImages(new MemoryStream(images), "i", images.Length).Pixels,
                IdxReader.ReadLabels(new MemoryStream(labels), "l", labels.Length));
    }
}
