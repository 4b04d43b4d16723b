namespace GpuAE.Kernels.Common;

/// <summary>
/// Transcendentals for kernels, accurate to about 1e-7 relative on every backend. ILGPU maps
/// MathF.Exp and MathF.Log to the PTX approximations ex2/lg2 (about 2 ulp: fine) but MathF.Tanh
/// to tanh.approx.f32 (about 5e-4 relative), so tanh is built from exp here (Cephes' tanhf:
/// a minimax polynomial below 0.625, 1 - 2 / (e^2|x| + 1) above).
/// </summary>
public static class DeviceMath
{
    /// <summary>NaN by its bits (exponent all ones, mantissa non-zero): no compiler can assume it away.</summary>
    public static bool IsNaN(float x) => (ILGPU.Interop.FloatAsInt(x) & 0x7FFFFFFFu) > 0x7F800000u;

    public static float Sigmoid(float x) => 1.0f / (1.0f + MathF.Exp(-x));

    public static float Tanh(float x)
    {
        float a = MathF.Abs(x);
        if (a < 0.625f)
        {
            float z = x * x;
            return ((((-5.70498872745e-3f * z + 2.06390887954e-2f) * z - 5.37397155531e-2f) * z + 1.33314422036e-1f) * z - 3.33332819422e-1f) * z * x + x;
        }
        if (a > 9.0f) return x > 0 ? 1.0f : -1.0f; // tanh(9) rounds to 1 in float
        float t = 1.0f - 2.0f / (MathF.Exp(2.0f * a) + 1.0f);
        return x > 0 ? t : -t;
    }
}
