using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class ActivationParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);
    private const float Alpha = 0.01f;

    private static double Forward(ActivationKind kind, double x) => kind switch
    {
        ActivationKind.Identity => x,
        ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-x)),
        ActivationKind.Relu => Math.Max(x, 0),
        ActivationKind.LeakyRelu => x > 0 ? x : Alpha * x,
        ActivationKind.Tanh => Math.Tanh(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static double Backward(ActivationKind kind, double y, double dy) => kind switch
    {
        ActivationKind.Identity => dy,
        ActivationKind.Sigmoid => dy * y * (1 - y),
        ActivationKind.Relu => y > 0 ? dy : 0,
        ActivationKind.LeakyRelu => y > 0 ? dy : Alpha * dy,
        ActivationKind.Tanh => dy * (1 - y * y),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void ForwardMatchesTheFloat64FunctionForEveryKind(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var kind in Enum.GetValues<ActivationKind>())
        foreach (int n in new[] { 1, 7, 1003 })
        {
            var x = _data.Uniform(n, -6f, 6f);
            using var xb = ParityData.Buffer(accelerator, x);
            using var yb = ParityData.Poisoned(accelerator, n + 3);
            accelerator.ActivationForward(kind, Alpha, xb, yb, n);
            var y = yb.ToArray();
            ParityData.Close(x.Select(v => Forward(kind, v)).ToArray(), y[..n], 1e-6, 1e-7, $"{kind} forward n={n}");
            Assert.All(y[n..], v => Assert.True(float.IsNaN(v), $"{kind} forward wrote past n"));
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void BackwardMatchesTheFloat64DerivativeForEveryKind(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var kind in Enum.GetValues<ActivationKind>())
        foreach (int n in new[] { 1, 13, 1003 })
        {
            var y = kind is ActivationKind.Sigmoid ? _data.Uniform(n, 0f, 1f) : _data.Uniform(n);
            var dy = _data.Uniform(n);
            using var yb = ParityData.Buffer(accelerator, y);
            using var dyb = ParityData.Buffer(accelerator, dy);
            using var dxb = ParityData.Poisoned(accelerator, n);
            accelerator.ActivationBackward(kind, Alpha, yb, dyb, dxb, n);
            var expected = y.Select((v, i) => Backward(kind, v, dy[i])).ToArray();
            ParityData.Close(expected, dxb.ToArray(), 1e-6, 1e-7, $"{kind} backward n={n}");
        }
    }
}
