using GpuAE.Compute;
using GpuAE.Kernels.Optimizers;

namespace GpuAE.Tests.Compute;

/// <summary>One step of each optimizer, weights and state, against the float64 update.</summary>
public abstract class OptimizerParityTests(Backend backend, ITestOutputHelper output) : BackendTests(backend, output)
{
    [Fact]
    public void SgdUpdateAppliesMomentumAndWeightDecay()
    {
        foreach (var (n, momentum) in new[] { (1, 0f), (7, 0.9f), (1003, 0.5f) })
        {
            var w = Data.Uniform(n); var g = Data.Uniform(n); var v = Data.Uniform(n);
            float lr = 0.05f, wd = 1e-3f;
            using var wb = ParityData.Buffer(Accelerator, w); using var gb = ParityData.Buffer(Accelerator, g); using var vb = ParityData.Buffer(Accelerator, v);
            Accelerator.SgdUpdate(wb, gb, vb, n, lr, momentum, wd);
            var expected = OptimizerReference.Sgd(w, g, v, lr, momentum, wd);
            ParityData.Close(expected.Velocity, vb.ToArray(), 1e-6, 1e-7, $"SGD velocity n={n}");
            ParityData.Close(expected.Weights, wb.ToArray(), 1e-6, 1e-7, $"SGD weights n={n}");
        }
    }

    [Fact]
    public void AdamUpdateAppliesBiasCorrectedMoments()
    {
        foreach (var (n, step) in new[] { (1, 1), (13, 7), (1003, 100) })
        {
            var w = Data.Uniform(n); var g = Data.Uniform(n); var m = Data.Uniform(n); var v = Data.Uniform(n, 0.01f, 1f);
            float lr = 1e-3f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
            using var wb = ParityData.Buffer(Accelerator, w); using var gb = ParityData.Buffer(Accelerator, g);
            using var mb = ParityData.Buffer(Accelerator, m); using var vb = ParityData.Buffer(Accelerator, v);
            Accelerator.AdamUpdate(wb, gb, mb, vb, n, lr, b1, b2, eps, step);
            var expected = OptimizerReference.Adam(w, g, m, v, lr, b1, b2, eps, step);
            ParityData.Close(expected.M, mb.ToArray(), 1e-5, 1e-7, $"Adam m n={n}");
            ParityData.Close(expected.V, vb.ToArray(), 1e-5, 1e-7, $"Adam v n={n}");
            ParityData.Close(expected.Weights, wb.ToArray(), 1e-5, 1e-6, $"Adam w n={n} step={step}");
        }
    }

    [Fact]
    public void AdadeltaUpdateScalesTheStepByTheRatioOfRunningAverages()
    {
        foreach (int n in Emulated ? ElementwiseParityTests.EmulatorSizes : ElementwiseParityTests.Sizes)
        {
            var w = Data.Uniform(n); var g = Data.Uniform(n);
            var sg = Data.Uniform(n, 0.01f, 1f); var su = Data.Uniform(n, 1e-4f, 0.1f);
            float lr = 0.5f, rho = 0.9f, eps = 1e-6f;
            var wTail = Data.Uniform(3);
            using var wb = ParityData.Buffer(Accelerator, [.. w, .. wTail]); using var gb = ParityData.Buffer(Accelerator, g, extra: 3);
            using var sgb = ParityData.Buffer(Accelerator, sg, extra: 3); using var sub = ParityData.Buffer(Accelerator, su, extra: 3);
            Accelerator.AdadeltaUpdate(wb, gb, sgb, sub, n, lr, rho, eps);
            var expected = OptimizerReference.Adadelta(w, g, sg, su, lr, rho, eps);
            ParityData.Close(expected.MeanSquareGradient, sgb.ToArray()[..n], 1e-5, 1e-7, $"Adadelta E[g^2] n={n}");
            ParityData.Close(expected.MeanSquareStep, sub.ToArray()[..n], 1e-5, 1e-7, $"Adadelta E[dx^2] n={n}");
            ParityData.Close(expected.Weights, wb.ToArray()[..n], 1e-5, 1e-6, $"Adadelta w n={n}");
            Assert.Equal(wTail, wb.ToArray()[n..]); // the NaN tails of the inputs never reach the weights
        }
    }
}

public sealed class OptimizerParityOnCpu(ITestOutputHelper output) : OptimizerParityTests(Backend.Cpu, output);

public sealed class OptimizerParityOnIlgpuCpu(ITestOutputHelper output) : OptimizerParityTests(Backend.IlgpuCpu, output);

public sealed class OptimizerParityOnCuda(ITestOutputHelper output) : OptimizerParityTests(Backend.Cuda, output);

public sealed class OptimizerParityOnOpenCl(ITestOutputHelper output) : OptimizerParityTests(Backend.OpenCl, output);
