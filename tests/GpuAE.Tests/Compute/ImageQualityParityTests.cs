using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Kernels.Quality;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class ImageQualityParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void MseAndSsimMatchTheFloat64ReferencePerImage(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (images, height, width) in new[] { (1, 11, 11), (7, 28, 28), (3, 13, 31), (2, 64, 67) })
        {
            int pixels = height * width;
            var reference = _data.Uniform(images * pixels, 0f, 1f);
            // The test image: the reference plus noise of a different strength per image, so SSIM spans a range.
            var test = reference.Select((v, i) => Math.Clamp(v + (i / pixels + 1) * 0.05f * (_data.Uniform(1)[0]), 0f, 1f)).ToArray();
            using var rb = ParityData.Buffer(accelerator, reference);
            using var tb = ParityData.Buffer(accelerator, test);
            using var mb = ParityData.Poisoned(accelerator, images + 1);
            using var sb = ParityData.Poisoned(accelerator, images + 1);
            accelerator.ImageQuality(rb, tb, images, height, width, mb, sb);
            var mse = new double[images]; var ssim = new double[images];
            for (int i = 0; i < images; i++)
            {
                mse[i] = CpuImageQuality.Mse(reference.AsSpan(i * pixels, pixels), test.AsSpan(i * pixels, pixels));
                ssim[i] = CpuImageQuality.Ssim(reference.AsSpan(i * pixels, pixels), test.AsSpan(i * pixels, pixels), height, width);
            }
            var actualMse = mb.ToArray(); var actualSsim = sb.ToArray();
            ParityData.Close(mse, actualMse[..images], 1e-4, 1e-7, $"MSE {images}x{height}x{width}");
            ParityData.Close(ssim, actualSsim[..images], 0, 1e-4, $"SSIM {images}x{height}x{width}");
            Assert.True(float.IsNaN(actualMse[images]) && float.IsNaN(actualSsim[images]), "ImageQuality wrote past the images");
        }
    }

    [Theory]
    // The CPU accelerator throws the same message wrapped in an AggregateException (Parallel.For).
    [MemberData(nameof(AcceleratorSpecs.KernelRuntimes), MemberType = typeof(AcceleratorSpecs))]
    public void ImagesSmallerThanTheSsimWindowAreRejected(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        using var x = ParityData.Buffer(accelerator, _data.Uniform(100));
        using var m = accelerator.Allocate(1);
        using var s = accelerator.Allocate(1);
        var error = Assert.Throws<ArgumentException>(() => accelerator.ImageQuality(x, x, 1, 10, 10, m, s));
        Assert.Contains("11x11", error.Message);
    }
}
