using GpuAE.Compute;
using GpuAE.Kernels.Quality;

namespace GpuAE.Tests.Compute;

/// <summary>Per-image MSE and SSIM against CpuImageQuality, which computes them in float64 (the family's reference).</summary>
public abstract class ImageQualityParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    // One window, MNIST's 28x28, odd planes, and a plane with more windows than a work-group has items.
    private static readonly (int Images, int Height, int Width)[] Shapes = [(1, 11, 11), (7, 28, 28), (3, 13, 31), (2, 64, 67)];

    // The emulator runs an image's 256 items with barriers: fewer images, and 18x18 = 324 windows > 256 still.
    private static readonly (int Images, int Height, int Width)[] EmulatorShapes = [(1, 11, 11), (3, 28, 28), (2, 13, 31)];

    [Fact]
    public void MseAndSsimMatchTheFloat64ReferencePerImage()
    {
        foreach (var (images, height, width) in Emulated ? EmulatorShapes : Shapes)
        {
            int pixels = height * width;
            var reference = Data.Uniform(images * pixels, 0f, 1f);
            // The test image: the reference plus noise of a different strength per image, so SSIM spans a range.
            var test = reference.Select((v, i) => Math.Clamp(v + (i / pixels + 1) * 0.05f * (Data.Uniform(1)[0]), 0f, 1f)).ToArray();
            using var rb = ParityData.Buffer(Accelerator, reference);
            using var tb = ParityData.Buffer(Accelerator, test);
            using var mb = ParityData.Poisoned(Accelerator, images + 1);
            using var sb = ParityData.Poisoned(Accelerator, images + 1);
            Accelerator.ImageQuality(rb, tb, images, height, width, mb, sb);
            var mse = new double[images]; var ssim = new double[images];
            for (int i = 0; i < images; i++)
            {
                mse[i] = CpuImageQuality.Mse(reference.AsSpan(i * pixels, pixels), test.AsSpan(i * pixels, pixels));
                ssim[i] = CpuImageQuality.Ssim(reference.AsSpan(i * pixels, pixels), test.AsSpan(i * pixels, pixels), height, width);
            }
            var actualMse = mb.ToArray(); var actualSsim = sb.ToArray();
            ParityData.Close(mse, actualMse[..images], 1e-4, 1e-7, $"MSE {images}x{height}x{width}");
            ParityData.Close(ssim, actualSsim[..images], 0, 1e-4, $"SSIM {images}x{height}x{width}");
            ParityData.NothingWrittenPast(actualMse, images, "ImageQuality MSE");
            ParityData.NothingWrittenPast(actualSsim, images, "ImageQuality SSIM");
        }
    }

    [Fact]
    public void ImagesSmallerThanTheSsimWindowAreRejected()
    {
        using var x = ParityData.Buffer(Accelerator, Data.Uniform(100));
        using var m = Accelerator.Allocate(1);
        using var s = Accelerator.Allocate(1);
        var error = Assert.Throws<ArgumentException>(() => Accelerator.ImageQuality(x, x, 1, 10, 10, m, s));
        Assert.Contains("11x11", error.Message);
    }
}

public sealed class ImageQualityParityOnCpu(ITestOutputHelper output) : ImageQualityParityTests(Backend.Cpu, output);

public sealed class ImageQualityParityOnIlgpuCpu(ITestOutputHelper output) : ImageQualityParityTests(Backend.IlgpuCpu, output);

public sealed class ImageQualityParityOnCuda(ITestOutputHelper output) : ImageQualityParityTests(Backend.Cuda, output);

public sealed class ImageQualityParityOnOpenCl(ITestOutputHelper output) : ImageQualityParityTests(Backend.OpenCl, output);
