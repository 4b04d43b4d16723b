using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Training;

namespace GpuAE.Stacked;

/// <summary>
/// Runs clean samples through the first layers of a network on the device and returns the
/// activations as a new in-memory dataset of 1 x width samples with the same labels: the
/// training set of the next pretraining layer, or the SVM's features.
/// </summary>
public static class CodeEncoder
{
    /// <summary>Outputs of layer <paramref name="lastLayer"/> for every sample of <paramref name="data"/>.</summary>
    public static Dataset Encode(Accelerator acc, Network network, int lastLayer, Dataset data)
    {
        if (data.SampleSize != network.InputShape.Size)
            throw new ArgumentException($"{data.Name} {data.Split} samples have {data.SampleSize} values, the network takes {network.InputShape.Size}");
        int width = network.Layers[lastLayer].OutputShape.Size, maxBatch = network.MaxBatch;
        var codes = new float[(long)data.Count * width];
        using var feeder = new BatchFeeder(acc, data, maxBatch);
        for (int start = 0; start < data.Count; start += maxBatch)
        {
            int rows = feeder.LoadRange(start, Math.Min(maxBatch, data.Count - start));
            var x = feeder.Images;
            for (int i = 0; i <= lastLayer; i++)
            {
                network.Layers[i].Forward(x, rows, training: false);
                x = network.Layers[i].Output;
            }
            acc.Download(x, codes.AsSpan(start * width, rows * width));
        }
        return new Dataset(data.Name, data.Split, codes, data.Labels, data.ClassNames, 1, width);
    }
}
