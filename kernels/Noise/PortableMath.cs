using System.Runtime.CompilerServices;

namespace GpuAE.Kernels.Noise;

/// <summary>
/// log, exp and cos built only from +, -, *, / and bit operations, which IEEE 754 rounds the
/// same way everywhere (with FMA contraction off: kernels use FP_CONTRACT OFF and NVRTC
/// --fmad=false). Library transcendentals differ in the last ulp between .NET, PoCL and CUDA,
/// and noise must be bit-identical across devices. Accuracy is ~1e-7 relative, ample for noise.
/// kernels/random.cl mirrors these functions line for line.
/// </summary>
public static class PortableMath
{
    private const float Ln2 = 0.693147180559945309f;
    private const float HalfPi = 1.57079632679489662f;

    /// <summary>Natural log for x > 0 (finite, normal).</summary>
    public static float Log(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int e = ((bits >> 23) & 0xFF) - 127;
        float m = BitConverter.Int32BitsToSingle((bits & 0x007FFFFF) | 0x3F800000); // [1, 2)
        if (m > 1.41421356f) { m = m * 0.5f; e = e + 1; }                         // [0.707, 1.414)
        float s = (m - 1.0f) / (m + 1.0f);
        float s2 = s * s;
        float poly = 1.0f + s2 * (0.333333333f + s2 * (0.2f + s2 * (0.142857143f + s2 * 0.111111111f)));
        return (float)e * Ln2 + 2.0f * s * poly;
    }

    /// <summary>e^x for |x| up to ~80.</summary>
    public static float Exp(float x)
    {
        float kf = Floor(x * 1.44269504f + 0.5f);
        float r = x - kf * Ln2;
        float p = 1.0f + r * (1.0f + r * (0.5f + r * (0.166666667f + r * (0.0416666667f + r * (0.00833333333f + r * (0.00138888889f + r * 0.000198412698f))))));
        int k = (int)kf;
        float scale = BitConverter.Int32BitsToSingle((k + 127) << 23);
        return p * scale;
    }

    /// <summary>cos(2 pi u) for u in [0, 1).</summary>
    public static float CosTwoPi(float u)
    {
        float t = u * 4.0f;
        float q = Floor(t);
        float a = (t - q) * HalfPi; // [0, pi/2)
        float a2 = a * a;
        float c = 1.0f + a2 * (-0.5f + a2 * (0.0416666667f + a2 * (-0.00138888889f + a2 * (0.0000248015873f + a2 * (-2.75573192e-7f + a2 * 2.08767570e-9f)))));
        float s = a * (1.0f + a2 * (-0.166666667f + a2 * (0.00833333333f + a2 * (-0.000198412698f + a2 * (0.00000275573192f + a2 * (-2.50521084e-8f))))));
        int quadrant = (int)q;
        return quadrant switch { 0 => c, 1 => -s, 2 => -c, _ => s };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Floor(float x)
    {
        float t = (float)(int)x; // truncation is exact for |x| < 2^31
        return t > x ? t - 1.0f : t;
    }

    /// <summary>Round half away from zero, as C's roundf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float x) => x >= 0 ? Floor(x + 0.5f) : -Floor(-x + 0.5f);
}
