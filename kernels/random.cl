// Philox4x32-10 and the portable log/exp/cos of PortableMath.cs, line for line: the noise
// kernels must match the C# reference bit for bit, so only +, -, *, / (FP_CONTRACT OFF, IEEE
// division and sqrt) and bit operations are used. Included by noise.cl.
#ifndef GPUAE_RANDOM_CL
#define GPUAE_RANDOM_CL
#include "common.h"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

typedef struct { uint x0, x1, x2, x3; } philox_out;

DEVICE_FN philox_out philox4x32(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
{
    for (int round = 0; round < 10; round++)
    {
        const ulong p0 = (ulong)PHILOX_M0 * (ulong)c0;
        const ulong p1 = (ulong)PHILOX_M1 * (ulong)c2;
        const uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
        const uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
        const uint n0 = hi1 ^ c1 ^ k0;
        const uint n2 = hi0 ^ c3 ^ k1;
        c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
        k0 += PHILOX_W0; k1 += PHILOX_W1;
    }
    philox_out r;
    r.x0 = c0; r.x1 = c1; r.x2 = c2; r.x3 = c3;
    return r;
}

// Uniform float in [0, 1) from the top 24 bits.
DEVICE_FN float to_uniform(uint bits) { return (float)(bits >> 8) * (1.0f / 16777216.0f); }

DEVICE_FN float portable_floor(float x)
{
    const float t = (float)(int)x;
    return t > x ? t - 1.0f : t;
}

// Round half away from zero, as C's roundf.
DEVICE_FN float portable_round(float x) { return x >= 0 ? portable_floor(x + 0.5f) : -portable_floor(-x + 0.5f); }

// Natural log for x > 0 (finite, normal).
DEVICE_FN float portable_log(float x)
{
    const int bits = as_int(x);
    int e = ((bits >> 23) & 0xFF) - 127;
    float m = as_float((bits & 0x007FFFFF) | 0x3F800000);
    if (m > 1.41421356f) { m = m * 0.5f; e = e + 1; }
    const float s = (m - 1.0f) / (m + 1.0f);
    const float s2 = s * s;
    const float poly = 1.0f + s2 * (0.333333333f + s2 * (0.2f + s2 * (0.142857143f + s2 * 0.111111111f)));
    return (float)e * 0.693147180559945309f + 2.0f * s * poly;
}

// e^x for |x| up to ~80.
DEVICE_FN float portable_exp(float x)
{
    const float kf = portable_floor(x * 1.44269504f + 0.5f);
    const float r = x - kf * 0.693147180559945309f;
    const float p = 1.0f + r * (1.0f + r * (0.5f + r * (0.166666667f + r * (0.0416666667f + r * (0.00833333333f + r * (0.00138888889f + r * 0.000198412698f))))));
    const int k = (int)kf;
    const float scale = as_float((k + 127) << 23);
    return p * scale;
}

// cos(2 pi u) for u in [0, 1).
DEVICE_FN float portable_cos_two_pi(float u)
{
    const float t = u * 4.0f;
    const float q = portable_floor(t);
    const float a = (t - q) * 1.57079632679489662f;
    const float a2 = a * a;
    const float c = 1.0f + a2 * (-0.5f + a2 * (0.0416666667f + a2 * (-0.00138888889f + a2 * (0.0000248015873f + a2 * (-2.75573192e-7f + a2 * 2.08767570e-9f)))));
    const float s = a * (1.0f + a2 * (-0.166666667f + a2 * (0.00833333333f + a2 * (-0.000198412698f + a2 * (0.00000275573192f + a2 * (-2.50521084e-8f))))));
    const int quadrant = (int)q;
    return quadrant == 0 ? c : (quadrant == 1 ? -s : (quadrant == 2 ? -c : s));
}

// Box-Muller from two 32-bit draws.
DEVICE_FN float standard_normal(uint bitsA, uint bitsB)
{
    const float u1 = 1.0f - to_uniform(bitsA);
    const float u2 = to_uniform(bitsB);
    return sqrt(-2.0f * portable_log(u1)) * portable_cos_two_pi(u2);
}

#endif
