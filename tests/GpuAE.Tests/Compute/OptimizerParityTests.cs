using GpuAE.Compute;

namespace GpuAE.Tests.Compute;

[Collection(AcceleratorCollection.Name)]
public sealed class OptimizerParityTests(ITestOutputHelper output)
{
    private readonly ParityData _data = new(output);

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void SgdUpdateAppliesMomentumAndWeightDecay(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (n, momentum) in new[] { (1, 0f), (7, 0.9f), (1003, 0.5f) })
        {
            var w = _data.Uniform(n); var g = _data.Uniform(n); var v = _data.Uniform(n);
            float lr = 0.05f, wd = 1e-3f;
            using var wb = ParityData.Buffer(accelerator, w); using var gb = ParityData.Buffer(accelerator, g); using var vb = ParityData.Buffer(accelerator, v);
            accelerator.SgdUpdate(wb, gb, vb, n, lr, momentum, wd);
            var step = v.Select((vi, i) => momentum * (double)vi + g[i] + wd * (double)w[i]).ToArray();
            ParityData.Close(step, vb.ToArray(), 1e-6, 1e-7, $"SGD velocity n={n}");
            ParityData.Close(w.Select((wi, i) => wi - lr * step[i]).ToArray(), wb.ToArray(), 1e-6, 1e-7, $"SGD weights n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AdamUpdateAppliesBiasCorrectedMoments(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (var (n, step) in new[] { (1, 1), (13, 7), (1003, 100) })
        {
            var w = _data.Uniform(n); var g = _data.Uniform(n); var m = _data.Uniform(n); var v = _data.Uniform(n, 0.01f, 1f);
            float lr = 1e-3f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
            using var wb = ParityData.Buffer(accelerator, w); using var gb = ParityData.Buffer(accelerator, g);
            using var mb = ParityData.Buffer(accelerator, m); using var vb = ParityData.Buffer(accelerator, v);
            accelerator.AdamUpdate(wb, gb, mb, vb, n, lr, b1, b2, eps, step);
            var mExpected = m.Select((mi, i) => b1 * (double)mi + (1 - (double)b1) * g[i]).ToArray();
            var vExpected = v.Select((vi, i) => b2 * (double)vi + (1 - (double)b2) * g[i] * (double)g[i]).ToArray();
            double c1 = 1 - Math.Pow(b1, step), c2 = 1 - Math.Pow(b2, step);
            var wExpected = w.Select((wi, i) => wi - lr * (mExpected[i] / c1) / (Math.Sqrt(vExpected[i] / c2) + eps)).ToArray();
            ParityData.Close(mExpected, mb.ToArray(), 1e-5, 1e-7, $"Adam m n={n}");
            ParityData.Close(vExpected, vb.ToArray(), 1e-5, 1e-7, $"Adam v n={n}");
            ParityData.Close(wExpected, wb.ToArray(), 1e-5, 1e-6, $"Adam w n={n} step={step}");
        }
    }

    [Theory]
    [MemberData(nameof(AcceleratorSpecs.All), MemberType = typeof(AcceleratorSpecs))]
    public void AdadeltaUpdateScalesTheStepByTheRatioOfRunningAverages(string spec)
    {
        var accelerator = AcceleratorSpecs.TryOpen(spec, output);
        if (accelerator is null) return;
        foreach (int n in AxpyParityTests.Sizes)
        {
            var w = _data.Uniform(n); var g = _data.Uniform(n);
            var sg = _data.Uniform(n, 0.01f, 1f); var su = _data.Uniform(n, 1e-4f, 0.1f);
            float lr = 0.5f, rho = 0.9f, eps = 1e-6f;
            var wTail = _data.Uniform(3);
            using var wb = ParityData.Buffer(accelerator, [.. w, .. wTail]); using var gb = ParityData.Buffer(accelerator, g, extra: 3);
            using var sgb = ParityData.Buffer(accelerator, sg, extra: 3); using var sub = ParityData.Buffer(accelerator, su, extra: 3);
            accelerator.AdadeltaUpdate(wb, gb, sgb, sub, n, lr, rho, eps);
            var sgExpected = sg.Select((s, i) => rho * (double)s + (1 - (double)rho) * g[i] * (double)g[i]).ToArray();
            var delta = su.Select((s, i) => Math.Sqrt(s + (double)eps) / Math.Sqrt(sgExpected[i] + eps) * g[i]).ToArray();
            var suExpected = su.Select((s, i) => rho * (double)s + (1 - (double)rho) * delta[i] * delta[i]).ToArray();
            ParityData.Close(sgExpected, sgb.ToArray()[..n], 1e-5, 1e-7, $"Adadelta E[g^2] n={n}");
            ParityData.Close(suExpected, sub.ToArray()[..n], 1e-5, 1e-7, $"Adadelta E[dx^2] n={n}");
            ParityData.Close(w.Select((wi, i) => wi - lr * delta[i]).ToArray(), wb.ToArray()[..n], 1e-5, 1e-6, $"Adadelta w n={n}");
            Assert.Equal(wTail, wb.ToArray()[n..]); // the NaN tails of the inputs never reach the weights
        }
    }
}
