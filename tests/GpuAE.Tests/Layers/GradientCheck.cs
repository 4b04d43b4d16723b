using GpuAE.Compute;
using GpuAE.Layers;

namespace GpuAE.Tests.Layers;

/// <summary>
/// Central finite differences against a layer's backward pass. The scalar probed is
/// L = sum(r * y) for a fixed random r, so dL/dy = r is what backward receives. L is summed in
/// float64; with eps = 1e-2 the truncation error of a smooth layer is ~1e-5, far below the
/// tolerance, while a wrong backward is off by O(1).
/// </summary>
public static class GradientCheck
{
    public const float Epsilon = 1e-2f;

    public static void Layer(Accelerator acc, Layer layer, TensorShape input, int rows, float[] x, int probes = 40)
    {
        layer.Build(acc, input, rows, new ParameterInitializer(11), computeInputGradient: true);
        using var dx = acc.Allocate(x);
        var r = TestData.Uniform(rows * layer.OutputShape.Size, 5);
        using var dr = acc.Allocate(r);

        double Objective()
        {
            layer.Forward(dx, rows, training: true);
            var y = layer.Output.ToArray();
            double sum = 0;
            for (int i = 0; i < r.Length; i++) sum += (double)r[i] * y[i];
            return sum;
        }

        Objective();
        layer.Backward(dr, rows);
        var analyticInput = layer.InputGradient!.ToArray().AsSpan(0, x.Length).ToArray();
        var analyticParams = layer.Parameters.Select(p => p.Gradient.ToArray()).ToList();

        CompareTensor("input", dx, x.Length, analyticInput, Objective, probes);
        for (int i = 0; i < layer.Parameters.Count; i++)
            CompareTensor(layer.Parameters[i].Name, layer.Parameters[i].Value, layer.Parameters[i].Length, analyticParams[i], Objective, probes);
        layer.Dispose();
    }

    private static void CompareTensor(string name, DeviceBuffer buffer, int length, float[] analytic, Func<double> objective, int probes)
    {
        var values = buffer.ToArray();
        int step = Math.Max(1, length / probes);
        for (int i = 0; i < length; i += step)
        {
            float original = values[i];
            values[i] = original + Epsilon; buffer.Upload(values);
            double plus = objective();
            values[i] = original - Epsilon; buffer.Upload(values);
            double minus = objective();
            values[i] = original; buffer.Upload(values);
            double numeric = (plus - minus) / (2 * Epsilon);
            double tolerance = 2e-3 + 1e-2 * Math.Abs(numeric);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance,
                $"{name}[{i}]: backward gives {analytic[i]:G6}, finite difference {numeric:G6}");
        }
    }
}
