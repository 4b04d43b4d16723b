using GpuAE.Compute;
using GpuAE.Compute.Cpu;

namespace GpuAE.Tests.Layers;

/// <summary>
/// Each loss op writes scale * dL/dinput, where L is the sum of its per-row losses; checked by
/// central differences in float64 over the op's own row losses, and against the closed form.
/// </summary>
public sealed class LossGradientTests
{
    private readonly CpuAccelerator _acc = new();
    private const float Scale = 0.25f;

    private delegate void LossOp(DeviceBuffer input, DeviceBuffer target, DeviceBuffer grad, DeviceBuffer rowLoss);

    private void Check(float[] input, float[] target, int rows, LossOp op)
    {
        using var x = _acc.Allocate(input);
        using var t = _acc.Allocate(target);
        using var g = _acc.Allocate(input.Length);
        using var l = _acc.Allocate(rows);
        double Total() { op(x, t, g, l); return l.ToArray().Sum(v => (double)v); }
        Total();
        var analytic = g.ToArray();
        var values = (float[])input.Clone();
        const float eps = 1e-2f;
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            values[i] = original + eps; x.Upload(values); double plus = Total();
            values[i] = original - eps; x.Upload(values); double minus = Total();
            values[i] = original; x.Upload(values);
            double numeric = Scale * (plus - minus) / (2 * eps);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-3 + 1e-2 * Math.Abs(numeric), $"element {i}: op gives {analytic[i]:G6}, finite difference {numeric:G6}");
        }
    }

    [Fact]
    public void Mse_gradient_matches_finite_differences() =>
        Check(TestData.Uniform(3 * 7, 1), TestData.Uniform(3 * 7, 2, 0f, 1f), 3,
            (x, t, g, l) => _acc.MseLoss(x, t, g, l, 3, 7, Scale));

    [Fact]
    public void Bce_from_logits_gradient_matches_finite_differences() =>
        Check(TestData.Uniform(3 * 7, 3, -4f, 4f), TestData.Uniform(3 * 7, 4, 0f, 1f), 3,
            (x, t, g, l) => _acc.BceWithLogitsLoss(x, t, g, l, 3, 7, Scale));

    [Fact]
    public void Softmax_cross_entropy_gradient_matches_finite_differences() =>
        Check(TestData.Uniform(4 * 5, 5, -3f, 3f), [0, 4, 2, 3], 4,
            (x, t, g, l) => _acc.SoftmaxCrossEntropyLoss(x, t, g, l, 4, 5, Scale));

    [Fact]
    public void Bce_from_logits_is_finite_for_saturated_logits()
    {
        using var z = _acc.Allocate([80f, -80f, 30f, -30f]);
        using var t = _acc.Allocate([0f, 1f, 1f, 0f]);
        using var g = _acc.Allocate(4);
        using var l = _acc.Allocate(1);
        _acc.BceWithLogitsLoss(z, t, g, l, 1, 4, 1f);
        Assert.Equal(160.0, l.ToArray()[0], 3);
        Assert.All(g.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Bce_row_loss_matches_float64_definition()
    {
        var z = TestData.Uniform(10, 8, -5f, 5f);
        var t = TestData.Uniform(10, 9, 0f, 1f);
        using var dz = _acc.Allocate(z); using var dt = _acc.Allocate(t);
        using var g = _acc.Allocate(10); using var l = _acc.Allocate(2);
        _acc.BceWithLogitsLoss(dz, dt, g, l, 2, 5, 1f);
        for (int r = 0; r < 2; r++)
        {
            double expected = 0;
            for (int c = 0; c < 5; c++)
            {
                double p = 1 / (1 + Math.Exp(-z[r * 5 + c]));
                expected += -(t[r * 5 + c] * Math.Log(p) + (1 - t[r * 5 + c]) * Math.Log(1 - p));
            }
            Assert.Equal(expected, l.ToArray()[r], 4);
        }
    }
}
