using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Kernels.Dropout;

namespace GpuAE.Tests.Layers;

/// <summary>Batch normalisation and dropout ops against their definitions.</summary>
public sealed class NormalizationOpTests
{
    private readonly CpuAccelerator _acc = new();
    private const int N = 3, C = 2, P = 35;

    private static (double Mean, double Var) Stats(float[] x, int c)
    {
        var values = Enumerable.Range(0, N).SelectMany(n => x.Skip((n * C + c) * P).Take(P)).Select(v => (double)v).ToList();
        double mean = values.Average();
        return (mean, values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    [Fact]
    public void BatchNorm_training_normalises_with_batch_statistics_and_updates_running_ones_like_pytorch()
    {
        var x = TestData.Uniform(N * C * P, 1, -2f, 3f);
        float[] gamma = [1.5f, -0.5f], beta = [0.25f, 2f], rm = [0.3f, -0.2f], rv = [2f, 0.5f];
        using var dx = _acc.Allocate(x); using var dy = _acc.Allocate(x.Length);
        using var dg = _acc.Allocate(gamma); using var db = _acc.Allocate(beta); using var drm = _acc.Allocate(rm); using var drv = _acc.Allocate(rv);
        using var sm = _acc.Allocate(C); using var si = _acc.Allocate(C);
        _acc.BatchNorm2dForwardTraining(dx, dy, dg, db, drm, drv, sm, si, N, C, P, 0.1f, 1e-5f);
        var y = dy.ToArray(); var newMean = drm.ToArray(); var newVar = drv.ToArray();
        for (int c = 0; c < C; c++)
        {
            var (mean, variance) = Stats(x, c);
            for (int n = 0; n < N; n++) for (int p = 0; p < P; p++)
            {
                int i = (n * C + c) * P + p;
                Assert.Equal(gamma[c] * (x[i] - mean) / Math.Sqrt(variance + 1e-5) + beta[c], y[i], 1e-4);
            }
            Assert.Equal(0.9 * rm[c] + 0.1 * mean, newMean[c], 1e-5);
            Assert.Equal(0.9 * rv[c] + 0.1 * variance * (N * P) / (N * P - 1), newVar[c], 1e-5);
        }
    }

    [Fact]
    public void BatchNorm_inference_uses_the_running_statistics()
    {
        var x = TestData.Uniform(N * C * P, 2);
        float[] gamma = [1.5f, -0.5f], beta = [0.25f, 2f], rm = [0.3f, -0.2f], rv = [2f, 0.5f];
        using var dx = _acc.Allocate(x); using var dy = _acc.Allocate(x.Length);
        using var dg = _acc.Allocate(gamma); using var db = _acc.Allocate(beta); using var drm = _acc.Allocate(rm); using var drv = _acc.Allocate(rv);
        _acc.BatchNorm2dForwardInference(dx, dy, dg, db, drm, drv, N, C, P, 1e-5f);
        var y = dy.ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            int c = i / P % C;
            Assert.Equal(gamma[c] * (x[i] - rm[c]) / Math.Sqrt(rv[c] + 1e-5) + beta[c], y[i], 1e-4);
        }
    }

    [Fact]
    public void Dropout_zeroes_about_the_rate_and_scales_the_rest()
    {
        const int n = 200_000; const float rate = 0.3f;
        var x = TestData.Uniform(n, 3, 0.5f, 1f);
        using var dx = _acc.Allocate(x); using var dy = _acc.Allocate(n); using var mask = _acc.Allocate(n);
        _acc.DropoutForward(dx, dy, mask, n, rate, seed: 42, step: 7);
        var y = dy.ToArray();
        double dropped = y.Count(v => v == 0) / (double)n;
        Assert.InRange(dropped, rate - 0.005, rate + 0.005); // 5 standard deviations
        for (int i = 0; i < n; i++) if (y[i] != 0) Assert.Equal(x[i] / (1.0 - rate), y[i], 1e-5);
    }

    [Fact]
    public void Dropout_mask_is_fixed_by_seed_and_step_and_changes_with_the_step()
    {
        const int n = 1001;
        using var x = _acc.Allocate(TestData.Uniform(n, 4, 0.5f, 1f)); using var y = _acc.Allocate(n); using var mask = _acc.Allocate(n);
        float[] Mask(ulong seed, uint step) { _acc.DropoutForward(x, y, mask, n, 0.5f, seed, step); return mask.ToArray(); }
        var reference = new float[n];
        DropoutMask.Fill(reference, 0, 0.5f, 9, 3);
        Assert.Equal(reference, Mask(9, 3));
        Assert.NotEqual(Mask(9, 3), Mask(9, 4));
        Assert.NotEqual(Mask(9, 3), Mask(10, 3));
    }

    [Fact]
    public void Dropout_backward_multiplies_by_the_mask()
    {
        const int n = 999;
        var gy = TestData.Uniform(n, 5);
        using var x = _acc.Allocate(TestData.Uniform(n, 6)); using var y = _acc.Allocate(n); using var mask = _acc.Allocate(n);
        using var dgy = _acc.Allocate(gy); using var dgx = _acc.Allocate(n);
        _acc.DropoutForward(x, y, mask, n, 0.4f, 1, 1);
        _acc.DropoutBackward(dgy, mask, dgx, n);
        var m = mask.ToArray(); var gx = dgx.ToArray();
        for (int i = 0; i < n; i++) Assert.Equal(gy[i] * m[i], gx[i]);
    }
}
