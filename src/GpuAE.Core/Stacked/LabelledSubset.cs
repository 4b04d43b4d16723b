using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Stacked;

/// <summary>
/// The labelled images of a few-label run: exactly N per class, drawn without replacement from
/// the training pool with the run's seed (a Philox-keyed shuffle per class, so the same seed
/// picks the same images on every machine). The indices, ascending, go into summary.json.
/// </summary>
public static class LabelledSubset
{
    /// <summary>Philox counter word 3 of this draw (the epoch shuffle uses 4, noise mixing 2).</summary>
    private const uint Stream = 5;

    /// <exception cref="StackedException">a class has fewer than <paramref name="perClass"/> images</exception>
    public static int[] Draw(ReadOnlySpan<byte> labels, int perClass, int classes, ulong seed)
    {
        if (perClass <= 0) throw new StackedException($"--labels-per-class must be positive, got {perClass}");
        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++) byClass[c] = [];
        for (int i = 0; i < labels.Length; i++) if (labels[i] < classes) byClass[labels[i]].Add(i);
        var chosen = new List<int>(perClass * classes);
        for (int c = 0; c < classes; c++)
        {
            var pool = byClass[c];
            if (pool.Count < perClass)
                throw new StackedException($"--labels-per-class {perClass}: class {c} has only {pool.Count} images in the {labels.Length}-image training pool (raise --train-limit or lower --labels-per-class)");
            chosen.AddRange(Shuffle(pool, seed, (uint)c).Take(perClass));
        }
        chosen.Sort();
        return [.. chosen];
    }

    private static List<int> Shuffle(List<int> pool, ulong seed, uint cls)
    {
        var items = new List<int>(pool);
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        for (int i = items.Count - 1; i > 0; i--)
        {
            var (r0, _, _, _) = Philox4x32.Generate((uint)i, cls, 0u, Stream, k0, k1);
            int j = (int)(r0 % (uint)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}

/// <summary>A `gpuae stacked` input the run cannot use (a bad layer list, too few labelled images, a wrong checkpoint).</summary>
public sealed class StackedException(string message) : ArgumentException(message);
