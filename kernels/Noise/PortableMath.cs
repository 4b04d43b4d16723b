using System.Runtime.CompilerServices;
using ILGPU;
using static GpuAE.Kernels.Noise.ExactFloat;

namespace GpuAE.Kernels.Noise;

/// <summary>
/// log, exp and cos built only from +, -, *, / and bit operations, which IEEE 754 rounds the
/// same way everywhere as long as nothing is fused (<see cref="ExactFloat"/>). Library
/// transcendentals differ in the last ulp between .NET and GPU runtimes, and noise must be
/// bit-identical across devices. Accuracy is ~1e-7 relative, ample for noise. The CPU runs this
/// code directly, the noise kernels call it: one source.
/// </summary>
public static class PortableMath
{
    private const float Ln2 = 0.693147180559945309f;
    private const float HalfPi = 1.57079632679489662f;

    /// <summary>Natural log for x > 0 (finite, normal).</summary>
    public static float Log(float x)
    {
        int bits = (int)Interop.FloatAsInt(x);
        int e = ((bits >> 23) & 0xFF) - 127;
        float m = Interop.IntAsFloat((uint)((bits & 0x007FFFFF) | 0x3F800000)); // [1, 2)
        if (m > 1.41421356f) { m = Mul(m, 0.5f); e = e + 1; }                   // [0.707, 1.414)
        float s = Sub(m, 1.0f) / Add(m, 1.0f);
        float s2 = Mul(s, s);
        float poly = Add(1.0f, Mul(s2, Add(0.333333333f, Mul(s2, Add(0.2f, Mul(s2, Add(0.142857143f, Mul(s2, 0.111111111f))))))));
        return Add(Mul((float)e, Ln2), Mul(Mul(2.0f, s), poly));
    }

    /// <summary>e^x for |x| up to ~80.</summary>
    public static float Exp(float x)
    {
        float kf = Floor(Add(Mul(x, 1.44269504f), 0.5f));
        float r = Sub(x, Mul(kf, Ln2));
        float p = Add(1.0f, Mul(r, Add(1.0f, Mul(r, Add(0.5f, Mul(r, Add(0.166666667f, Mul(r, Add(0.0416666667f,
            Mul(r, Add(0.00833333333f, Mul(r, Add(0.00138888889f, Mul(r, 0.000198412698f))))))))))))));
        int k = (int)kf;
        float scale = Interop.IntAsFloat((uint)((k + 127) << 23));
        return Mul(p, scale);
    }

    /// <summary>cos(2 pi u) for u in [0, 1).</summary>
    public static float CosTwoPi(float u)
    {
        float t = Mul(u, 4.0f);
        float q = Floor(t);
        float a = Mul(Sub(t, q), HalfPi); // [0, pi/2)
        float a2 = Mul(a, a);
        float c = Add(1.0f, Mul(a2, Add(-0.5f, Mul(a2, Add(0.0416666667f, Mul(a2, Add(-0.00138888889f,
            Mul(a2, Add(0.0000248015873f, Mul(a2, Add(-2.75573192e-7f, Mul(a2, 2.08767570e-9f))))))))))));
        float s = Mul(a, Add(1.0f, Mul(a2, Add(-0.166666667f, Mul(a2, Add(0.00833333333f, Mul(a2, Add(-0.000198412698f,
            Mul(a2, Add(0.00000275573192f, Mul(a2, -2.50521084e-8f)))))))))));
        int quadrant = (int)q;
        return quadrant == 0 ? c : (quadrant == 1 ? -s : (quadrant == 2 ? -c : s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Floor(float x)
    {
        float t = (float)(int)x; // truncation is exact for |x| < 2^31
        return t > x ? Sub(t, 1.0f) : t;
    }

    /// <summary>Round half away from zero, as C's roundf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Round(float x) => x >= 0 ? Floor(Add(x, 0.5f)) : -Floor(Add(-x, 0.5f));
}
