using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Kernels.Noise;
using GpuAE.Noise;

namespace GpuAE.Reproduce;

/// <summary>
/// The CS 307 report's data, prepared on the host: torchvision's ToTensor then Normalize((0.5,),
/// (0.5,)), so pixels lie in [-1, 1], then the corruption in that space and without clipping:
/// Gaussian noise N(0, sigma^2) added to every pixel, or RandomErasing (p 0.5, area 2..33 %, aspect
/// 0.3..3.3, value 0: a mid-grey box). The corruption is drawn once per image (Philox keyed by the
/// seed; torchvision draws it at every epoch, which a 4-unit code cannot tell apart).
///
/// Why this reading: the report's losses are those of an autoencoder that reconstructs its own
/// (corrupted) input on this scale. A sigmoid output cannot go below 0, so on clean images the MSE
/// cannot fall below the mean of min(0, 2x - 1)^2, 0.569 on Fashion-MNIST's images, and the report's
/// clean test loss levels off at 0.599; Gaussian noise that no 4-unit code can reproduce adds
/// sigma^2 to it: 1.598 - 0.599 = 1.00 at sigma 1, 0.850 - 0.599 = 0.251 at 0.5, 0.610 - 0.599 =
/// 0.011 at 0.1; and erasing to 0 (reachable) lowers it below the clean loss, 0.567.
/// </summary>
public static class Cs307Images
{
    private const uint Stream = 0xC5307u; // the Philox "epoch" counter of these draws, apart from training noise

    /// <summary>The split normalised to [-1, 1] and corrupted with <paramref name="noise"/> (none, gaussian:S or erase).</summary>
    public static Dataset Prepare(Dataset data, string noise, ulong seed)
    {
        var spec = NoiseSpec.Parse(noise);
        if (spec.Kind is not (NoiseKind.None or NoiseKind.Gaussian or NoiseKind.Erase))
            throw new ArgumentException($"CS 307 data: noise '{noise}' is not none, gaussian:S or erase");
        var images = new float[data.Images.Length];
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        int pixels = data.SampleSize;
        Parallel.For(0, data.Count, i =>
        {
            var clean = data.Image(i);
            var target = images.AsSpan(i * pixels, pixels);
            var box = spec.Kind == NoiseKind.Erase ? NoiseSampler.EraseRectangle(data.Height, data.Width, k0, k1, Stream, (uint)i) : NoiseSampler.Rectangle.Empty;
            for (int p = 0; p < pixels; p++)
            {
                float y = 2f * clean[p] - 1f;
                if (spec.Kind == NoiseKind.Gaussian)
                {
                    var (_, _, r2, r3) = Philox4x32.Generate((uint)p, (uint)i, Stream, 0u, k0, k1);
                    y += spec.Level * NoiseSampler.StandardNormal(r2, r3);
                }
                else if (box.Contains(p / data.Width, p % data.Width)) y = 0f;
                target[p] = y;
            }
        });
        return new Dataset(data.Name, $"{data.Split} (normalised, {noise})", images, data.Labels, data.ClassNames, data.Height, data.Width);
    }

    /// <summary>[-1, 1] back to [0, 1] for pictures.</summary>
    public static float ToDisplay(float v) => (v + 1f) / 2f;

    /// <summary>The lowest mean squared error a [0, 1] output can reach against these [-1, 1] targets: the mean of min(0, y)^2 + max(0, y - 1)^2.</summary>
    public static double SigmoidFloor(Dataset prepared)
    {
        double sum = 0;
        foreach (float y in prepared.Images) sum += y < 0 ? (double)y * y : y > 1 ? (double)(y - 1) * (y - 1) : 0;
        return sum / prepared.Images.Length;
    }
}
