namespace GpuAE.Kernels.Elementwise;

/// <summary>
/// The element-wise ops in float64, the definitions the CPU code and the kernels are checked
/// against: activations and their derivatives (written in terms of the forward output y, as the
/// ops take it), y + alpha x, a bias added to every row, and column sums.
/// </summary>
public static class ElementwiseReference
{
    public static double Activation(ActivationKind kind, double alpha, double x) => kind switch
    {
        ActivationKind.Identity => x,
        ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-x)),
        ActivationKind.Relu => Math.Max(x, 0),
        ActivationKind.LeakyRelu => x > 0 ? x : alpha * x,
        ActivationKind.Tanh => Math.Tanh(x),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };

    /// <summary>dy f'(x), with f' taken from y = f(x).</summary>
    public static double ActivationDerivative(ActivationKind kind, double alpha, double y, double dy) => kind switch
    {
        ActivationKind.Identity => dy,
        ActivationKind.Sigmoid => dy * y * (1 - y),
        ActivationKind.Relu => y > 0 ? dy : 0,
        ActivationKind.LeakyRelu => y > 0 ? dy : alpha * dy,
        ActivationKind.Tanh => dy * (1 - y * y),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };

    public static double[] ActivationForward(ActivationKind kind, double alpha, float[] x) =>
        Array.ConvertAll(x, v => Activation(kind, alpha, v));

    public static double[] ActivationBackward(ActivationKind kind, double alpha, float[] y, float[] dy)
    {
        var dx = new double[y.Length];
        for (int i = 0; i < y.Length; i++) dx[i] = ActivationDerivative(kind, alpha, y[i], dy[i]);
        return dx;
    }

    /// <summary>y[i] + alpha x[i] for i &lt; n.</summary>
    public static double[] Axpy(float[] x, float[] y, int n, double alpha)
    {
        var result = new double[n];
        for (int i = 0; i < n; i++) result[i] = y[i] + alpha * x[i];
        return result;
    }

    /// <summary>y[r, c] + bias[c] over a [rows, cols] matrix.</summary>
    public static double[] AddRowVector(float[] y, float[] bias, int rows, int cols)
    {
        var result = new double[rows * cols];
        for (int i = 0; i < result.Length; i++) result[i] = (double)y[i] + bias[i % cols];
        return result;
    }

    /// <summary>beta sums[c] + sum_r x[r, c]; sums is not read when beta == 0 (it may hold NaN).</summary>
    public static double[] SumRows(float[] x, float[] sums, int rows, int cols, double beta)
    {
        var result = new double[cols];
        for (int c = 0; c < cols; c++)
        {
            double s = beta == 0 ? 0 : beta * sums[c];
            for (int r = 0; r < rows; r++) s += x[r * cols + c];
            result[c] = s;
        }
        return result;
    }
}
