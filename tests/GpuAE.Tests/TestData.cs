using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests;

/// <summary>Random test inputs: reproducible per seed, never all zeros.</summary>
public static class TestData
{
    public static float[] Uniform(int n, int seed, float min = -1f, float max = 1f)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            var (r0, _, _, _) = Philox4x32.Generate((uint)i, (uint)seed, 77u, 9u, 0xC0FFEEu, 0u);
            v[i] = min + (max - min) * Philox4x32.ToUniform(r0);
        }
        return v;
    }

    /// <summary>n distinct values 0.05 apart, centred on 0 and shuffled: max-pooling never sees ties, even after a finite-difference step of 0.01.</summary>
    public static float[] Distinct(int n, int seed)
    {
        var keys = Uniform(n, seed);
        var order = Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray();
        var v = new float[n];
        for (int rank = 0; rank < n; rank++) v[order[rank]] = 0.05f * (rank - n / 2);
        return v;
    }

    /// <summary>Values with |x| >= gap, so finite differences never step across ReLU's kink.</summary>
    public static float[] AwayFromZero(int n, int seed, float gap = 0.1f)
    {
        var v = Uniform(n, seed);
        for (int i = 0; i < n; i++) v[i] = v[i] >= 0 ? v[i] + gap : v[i] - gap;
        return v;
    }

    /// <summary>A training split of <see cref="Images"/> (side x side), labelled 0..9 in turn.</summary>
    public static Dataset Split(int count, int side, int seed) =>
        new("synthetic", "train", Images(count, side, side, seed), [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))], KnownDatasets.DigitClassNames, side, side);

    /// <summary>Fake images in [0, 1] with some structure (a bright disc) so SSIM and noise tests are meaningful.</summary>
    public static float[] Images(int count, int height, int width, int seed)
    {
        var noise = Uniform(count * height * width, seed, 0f, 0.3f);
        var images = new float[count * height * width];
        for (int i = 0; i < count; i++)
        for (int r = 0; r < height; r++)
        for (int c = 0; c < width; c++)
        {
            double d = Math.Sqrt((r - height / 2.0) * (r - height / 2.0) + (c - width / 2.0) * (c - width / 2.0));
            int k = (i * height + r) * width + c;
            images[k] = Math.Clamp((d < height / 3.0 ? 0.7f : 0.05f) + noise[k], 0f, 1f);
        }
        return images;
    }
}
