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

    // 18 tensors (more than one launch's 16 on ILGPU), an empty one among them, lengths 1 to 1003;
    // each buffer one float longer (a NaN the update must not touch).
    private static readonly int[] ManyLengths = [1, 7, 0, 13, 256, 3, 1003, 5, 31, 2, 64, 9, 17, 1, 129, 4, 11, 6];

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adadelta")]
    public void A_many_tensor_update_gives_each_tensor_the_numbers_of_its_own_update(string rule)
    {
        var inputs = ManyLengths.Select(n => (W: Data.Uniform(n), G: Data.Uniform(n), A: Data.Uniform(n, 0.01f, 1f), B: Data.Uniform(n, 0.01f, 1f))).ToArray();
        var many = inputs.Select(x => Upload(x)).ToArray();
        var one = inputs.Select(x => Upload(x)).ToArray();
        long before = Accelerator.LaunchCount;
        var tensors = many.Select((b, i) => new OptimizerTensor(b[0], b[1], b[2], b[3], ManyLengths[i])).ToArray();
        switch (rule)
        {
            case "sgd": Accelerator.SgdUpdateMany(tensors, 0.05f, 0.9f, 1e-3f); break;
            case "adam": Accelerator.AdamUpdateMany(tensors, 1e-3f, 0.9f, 0.999f, 1e-8f, 7); break;
            default: Accelerator.AdadeltaUpdateMany(tensors, 0.5f, 0.9f, 1e-6f); break;
        }
        long launches = Accelerator.LaunchCount - before;
        for (int i = 0; i < one.Length; i++)
        {
            var (w, g, a, b, n) = (one[i][0], one[i][1], one[i][2], one[i][3], ManyLengths[i]);
            if (n == 0) continue;
            switch (rule)
            {
                case "sgd": Accelerator.SgdUpdate(w, g, a, n, 0.05f, 0.9f, 1e-3f); break;
                case "adam": Accelerator.AdamUpdate(w, g, a, b, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 7); break;
                default: Accelerator.AdadeltaUpdate(w, g, a, b, n, 0.5f, 0.9f, 1e-6f); break;
            }
            for (int k = 0; k < 4; k++)
                ParityData.Identical(Array.ConvertAll(one[i][k].ToArray(), v => (double)v), many[i][k].ToArray(), $"{rule} tensor {i} (n={n}) buffer {k}");
            ParityData.NothingWrittenPast(many[i][0].ToArray(), n, $"{rule} tensor {i} (n={n}) weights");
        }
        // ILGPU: one launch per 16 tensors; the CPU counts no launches
        if (Accelerator.LaunchCount > 0) Assert.Equal(2, launches);
        foreach (var b in many.Concat(one).SelectMany(x => x)) b.Dispose();
    }

    private DeviceBuffer[] Upload((float[] W, float[] G, float[] A, float[] B) x) =>
        [ParityData.Buffer(Accelerator, x.W, extra: 1), ParityData.Buffer(Accelerator, x.G, extra: 1), ParityData.Buffer(Accelerator, x.A, extra: 1), ParityData.Buffer(Accelerator, x.B, extra: 1)];

    [Fact]
    public void A_many_tensor_update_names_the_tensor_and_buffer_that_is_too_short()
    {
        using var ok = Accelerator.Allocate(8);
        using var shortState = Accelerator.Allocate(5);
        OptimizerTensor[] tensors = [new(ok, ok, ok, ok, 8), new(ok, ok, ok, shortState, 8)];
        var error = Assert.Throws<ArgumentException>(() => Accelerator.AdamUpdateMany(tensors, 0.01f, 0.9f, 0.999f, 1e-8f, 1));
        Assert.Contains("tensor 1 second state", error.Message);
        Assert.Contains("holds 5 floats", error.Message);
        var missing = Assert.Throws<ArgumentException>(() => Accelerator.AdadeltaUpdateMany([new(ok, ok, ok, null, 8)], 1f, 0.9f, 1e-6f));
        Assert.Contains("tensor 0 has no second state buffer", missing.Message);
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
