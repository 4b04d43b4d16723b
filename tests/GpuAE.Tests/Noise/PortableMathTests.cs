using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Tests.Noise;

public sealed class PortableMathTests
{
    [Fact]
    public void Log_is_accurate_over_the_unit_interval()
    {
        for (double x = 1e-7; x <= 1.0; x *= 1.37)
            Assert.True(Math.Abs(PortableMath.Log((float)x) - Math.Log((float)x)) <= 2e-6 * Math.Max(1, Math.Abs(Math.Log(x))), $"log({x})");
    }

    [Fact]
    public void Exp_is_accurate_over_the_erase_aspect_range()
    {
        for (double x = -1.3; x <= 1.3; x += 0.01)
            Assert.True(Math.Abs(PortableMath.Exp((float)x) / Math.Exp((float)x) - 1) <= 1e-6, $"exp({x})");
    }

    [Fact]
    public void Cos_two_pi_is_accurate_over_a_period()
    {
        for (double u = 0; u < 1; u += 0.001)
            Assert.True(Math.Abs(PortableMath.CosTwoPi((float)u) - Math.Cos(2 * Math.PI * (float)u)) <= 1e-6, $"cos(2 pi {u})");
    }
}
