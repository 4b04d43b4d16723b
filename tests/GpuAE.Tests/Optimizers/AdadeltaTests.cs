using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Optimizers;

namespace GpuAE.Tests.Optimizers;

public sealed class AdadeltaTests
{
    [Fact]
    public void Defaults_are_pytorchs()
    {
        using var adadelta = new Adadelta();
        Assert.Equal((1f, 0.9f, 1e-6f), (adadelta.LearningRate, adadelta.Rho, adadelta.Epsilon));
    }

    [Fact]
    public void Create_makes_adadelta_with_the_given_learning_rate()
    {
        using var optimizer = Optimizer.Create("Adadelta", 0.25f, momentum: 0f);
        var adadelta = Assert.IsType<Adadelta>(optimizer);
        Assert.Equal(("adadelta", 0.25f), (adadelta.Name, adadelta.LearningRate));
    }

    [Fact]
    public void Create_lists_adadelta_when_the_name_is_unknown()
    {
        var e = Assert.Throws<FormatException>(() => Optimizer.Create("rmsprop", 0.1f, 0f));
        Assert.Contains("adadelta", e.Message);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    public void Rho_outside_zero_to_one_is_refused(float rho) =>
        Assert.Contains("rho", Assert.Throws<ArgumentException>(() => new Adadelta(rho: rho)).Message);

    [Fact]
    public void Two_steps_from_zero_state_follow_the_pytorch_recurrence()
    {
        var acc = new CpuAccelerator();
        float[] w0 = [0.5f, -1.5f, 2f], g = [0.3f, -0.02f, 4f];
        using var value = acc.Allocate(w0); using var gradient = acc.Allocate(g);
        var p = new Parameter("w", [3], value, gradient);
        using var optimizer = new Adadelta(learningRate: 0.7f);
        optimizer.Step(acc, [p]);
        optimizer.Step(acc, [p]);
        var expected = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double w = w0[i], sg = 0, su = 0;
            for (int step = 0; step < 2; step++)
            {
                sg = 0.9 * sg + 0.1 * g[i] * g[i];
                double delta = Math.Sqrt(su + 1e-6) / Math.Sqrt(sg + 1e-6) * g[i];
                su = 0.9 * su + 0.1 * delta * delta;
                w -= 0.7 * delta;
            }
            expected[i] = w;
        }
        var actual = value.ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }
}
