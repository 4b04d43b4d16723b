using static GpuAE.Kernels.Noise.ExactFloat;

namespace GpuAE.Kernels.Noise;

/// <summary>
/// The definition of every corruption, one image at a time: the CPU accelerator runs it directly
/// and the noise kernels (NoiseKernels) call its per-pixel functions, so there is one source;
/// parity tests demand bit equality on every device (hence <see cref="ExactFloat"/>).
///
/// Random stream: Philox4x32-10 with key = seed, counter = (pixel, sample, epoch, 0) for
/// per-pixel draws and (attempt, sample, epoch, 1) for per-image draws (random erasing).
/// </summary>
public static class NoiseSampler
{
    // torchvision.transforms.RandomErasing defaults.
    public const float EraseProbability = 0.5f;
    public const float EraseScaleMin = 0.02f, EraseScaleMax = 0.33f;
    public const float EraseLogRatioMin = -1.20397280f; // ln 0.3
    public const float EraseLogRatioMax = 1.19392247f;  // ln 3.3
    public const int EraseAttempts = 10;

    public static void Corrupt(ReadOnlySpan<float> clean, Span<float> noisy, int height, int width,
        NoiseParameters noise, ulong seed, uint epoch, uint sample)
    {
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
        int pixels = height * width;
        switch (noise.Kind)
        {
            case NoiseKind.None:
                clean[..pixels].CopyTo(noisy);
                break;
            case NoiseKind.Erase:
                var rect = EraseRectangle(height, width, k0, k1, epoch, sample);
                for (int p = 0; p < pixels; p++)
                    noisy[p] = rect.Contains(p / width, p % width) ? 0f : clean[p];
                break;
            default:
                for (int p = 0; p < pixels; p++)
                    noisy[p] = CorruptPixel(clean[p], noise, (uint)p, sample, epoch, k0, k1);
                break;
        }
    }

    public static float CorruptPixel(float x, NoiseParameters noise, uint pixel, uint sample, uint epoch, uint k0, uint k1)
    {
        var (r0, r1, r2, r3) = Philox4x32.Generate(pixel, sample, epoch, 0u, k0, k1);
        float u0 = Philox4x32.ToUniform(r0);
        switch (noise.Kind)
        {
            case NoiseKind.Mask:
                return u0 < noise.Level ? 0f : x;
            case NoiseKind.SaltPepper:
                if (u0 >= noise.Level) return x;
                return Philox4x32.ToUniform(r1) < 0.5f ? 0f : 1f;
            case NoiseKind.Gaussian:
                float y = Add(x, Mul(noise.Level, StandardNormal(r2, r3)));
                return y < 0f ? 0f : (y > 1f ? 1f : y);
            default:
                return x;
        }
    }

    /// <summary>Box-Muller from two 32-bit draws, with portable log and cos.</summary>
    public static float StandardNormal(uint bitsA, uint bitsB)
    {
        float u1 = Sub(1.0f, Philox4x32.ToUniform(bitsA)); // (0, 1]
        float u2 = Philox4x32.ToUniform(bitsB);
        return Mul(MathF.Sqrt(Mul(-2.0f, PortableMath.Log(u1))), PortableMath.CosTwoPi(u2));
    }

    /// <summary>An image's erase box (a plain struct, so kernels can use it too); an empty one contains nothing.</summary>
    public readonly struct Rectangle(int top, int left, int height, int width)
    {
        public int Top { get; } = top;
        public int Left { get; } = left;
        public int Height { get; } = height;
        public int Width { get; } = width;

        public static Rectangle Empty => new(0, 0, 0, 0);

        public bool Contains(int row, int col) => row >= Top && row < Top + Height && col >= Left && col < Left + Width;
    }

    /// <summary>torchvision's RandomErasing: with p = 0.5 try up to 10 boxes of area 2..33 %, aspect 0.3..3.3.</summary>
    public static Rectangle EraseRectangle(int height, int width, uint k0, uint k1, uint epoch, uint sample)
    {
        var (a0, _, _, _) = Philox4x32.Generate(0u, sample, epoch, 1u, k0, k1);
        if (Philox4x32.ToUniform(a0) >= EraseProbability) return Rectangle.Empty;
        float area = (float)(height * width);
        for (uint attempt = 0; attempt < EraseAttempts; attempt++)
        {
            var (r0, r1, r2, r3) = Philox4x32.Generate(attempt + 1u, sample, epoch, 1u, k0, k1);
            float target = Mul(area, Add(EraseScaleMin, Mul(Philox4x32.ToUniform(r0), EraseScaleMax - EraseScaleMin)));
            float aspect = PortableMath.Exp(Add(EraseLogRatioMin, Mul(Philox4x32.ToUniform(r1), EraseLogRatioMax - EraseLogRatioMin)));
            int h = (int)PortableMath.Round(MathF.Sqrt(Mul(target, aspect)));
            int w = (int)PortableMath.Round(MathF.Sqrt(target / aspect));
            if (h < height && w < width)
            {
                int top = (int)Mul(Philox4x32.ToUniform(r2), (float)(height - h + 1));
                int left = (int)Mul(Philox4x32.ToUniform(r3), (float)(width - w + 1));
                return new Rectangle(top, left, h, w);
            }
        }
        return Rectangle.Empty;
    }
}
