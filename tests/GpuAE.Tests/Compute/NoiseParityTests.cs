using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class NoiseParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    public static TheoryData<string, NoiseKind> Cases
    {
        get
        {
            var data = new TheoryData<string, NoiseKind>();
            foreach (var spec in AcceleratorSpecs.Specs())
            foreach (var kind in Enum.GetValues<NoiseKind>()) data.Add(spec, kind);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ApplyNoiseIsBitIdenticalToTheReferenceSampler(string spec, NoiseKind kind)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        var noise = new NoiseParameters(kind, kind == NoiseKind.Gaussian ? 0.3f : 0.25f);
        bool changedAny = false;
        foreach (var (images, height, width) in new[] { (1, 1, 1), (7, 28, 28), (33, 13, 17) })
        {
            ulong seed = ((ulong)(uint)_data.Seed << 32) | 0x9E3779B9u;
            uint epoch = 3, first = 1001;
            int pixels = height * width;
            var clean = _data.Uniform(images * pixels, 0f, 1f);
            using var cb = ParityData.Buffer(accelerator, clean);
            using var nb = ParityData.Poisoned(accelerator, images * pixels + 1);
            accelerator.ApplyNoise(cb, nb, images, height, width, noise, seed, epoch, first);
            var actual = nb.ToArray();
            var expected = new float[images * pixels];
            for (int i = 0; i < images; i++)
                NoiseSampler.Corrupt(clean.AsSpan(i * pixels, pixels), expected.AsSpan(i * pixels, pixels), height, width, noise, seed, epoch, first + (uint)i);
            for (int i = 0; i < expected.Length; i++)
                if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                    Assert.Fail($"{kind} {images}x{height}x{width}: pixel {i % pixels} of image {i / pixels} is {actual[i]:R}, the reference says {expected[i]:R}");
            Assert.True(float.IsNaN(actual[^1]), "ApplyNoise wrote past the images");
            changedAny |= expected.Where((v, i) => v != clean[i]).Any();
        }
        // Erasing skips an image with probability 1/2, so "some pixel changed" is asserted over all 41 images, not per shape.
        if (kind != NoiseKind.None) Assert.True(changedAny, $"{kind} changed no pixel of any image");
    }
}
