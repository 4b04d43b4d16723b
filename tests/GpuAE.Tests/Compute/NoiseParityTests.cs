using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests.Compute;

/// <summary>ApplyNoise against the reference sampler (NoiseSampler): a seed gives bit-identical noisy images on every backend.</summary>
public abstract class NoiseParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    public static TheoryData<NoiseKind> Kinds => new(Enum.GetValues<NoiseKind>());

    [Theory]
    [MemberData(nameof(Kinds), MemberType = typeof(NoiseParityTests))]
    public void ApplyNoiseIsBitIdenticalToTheReferenceSampler(NoiseKind kind)
    {
        var noise = new NoiseParameters(kind, kind == NoiseKind.Gaussian ? 0.3f : 0.25f);
        bool changedAny = false;
        foreach (var (images, height, width) in new[] { (1, 1, 1), (7, 28, 28), (33, 13, 17) })
        {
            ulong seed = ((ulong)(uint)Data.Seed << 32) | 0x9E3779B9u;
            uint epoch = 3, first = 1001;
            int pixels = height * width;
            var clean = Data.Uniform(images * pixels, 0f, 1f);
            using var cb = ParityData.Buffer(Accelerator, clean);
            using var nb = ParityData.Poisoned(Accelerator, images * pixels + 1);
            Accelerator.ApplyNoise(cb, nb, images, height, width, noise, seed, epoch, first);
            var actual = nb.ToArray();
            var expected = new float[images * pixels];
            for (int i = 0; i < images; i++)
                NoiseSampler.Corrupt(clean.AsSpan(i * pixels, pixels), expected.AsSpan(i * pixels, pixels), height, width, noise, seed, epoch, first + (uint)i);
            for (int i = 0; i < expected.Length; i++)
                if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                    Assert.Fail($"{kind} {images}x{height}x{width}: pixel {i % pixels} of image {i / pixels} is {actual[i]:R}, the reference says {expected[i]:R}");
            ParityData.NothingWrittenPast(actual, expected.Length, "ApplyNoise");
            changedAny |= expected.Where((v, i) => v != clean[i]).Any();
        }
        // Erasing skips an image with probability 1/2, so "some pixel changed" is asserted over all 41 images, not per shape.
        if (kind != NoiseKind.None) Assert.True(changedAny, $"{kind} changed no pixel of any image");
    }
}

public sealed class NoiseParityOnCpu(ITestOutputHelper output) : NoiseParityTests(Backend.Cpu, output);

public sealed class NoiseParityOnIlgpuCpu(ITestOutputHelper output) : NoiseParityTests(Backend.IlgpuCpu, output);

public sealed class NoiseParityOnCuda(ITestOutputHelper output) : NoiseParityTests(Backend.Cuda, output);

public sealed class NoiseParityOnOpenCl(ITestOutputHelper output) : NoiseParityTests(Backend.OpenCl, output);
