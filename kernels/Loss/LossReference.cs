namespace GpuAE.Kernels.Loss;

/// <summary>
/// The losses in float64 over a [rows, cols] batch: each gives the gradient (times scale) and
/// the loss summed over each row, the definitions the CPU code and the kernels are checked against.
/// </summary>
public static class LossReference
{
    /// <summary>Row loss sum_c (p - t)^2; gradient scale 2 (p - t).</summary>
    public static (double[] Gradient, double[] RowLoss) Mse(float[] prediction, float[] target, int rows, int cols, double scale) =>
        PerElement(rows, cols, i =>
        {
            double d = (double)prediction[i] - target[i];
            return (scale * 2 * d, d * d);
        });

    /// <summary>Row loss sum_c max(z, 0) - z t + log(1 + e^-|z|) (binary cross-entropy of sigmoid(z), stable form); gradient scale (sigmoid(z) - t).</summary>
    public static (double[] Gradient, double[] RowLoss) BceWithLogits(float[] logits, float[] target, int rows, int cols, double scale) =>
        PerElement(rows, cols, i =>
        {
            double z = logits[i], t = target[i];
            return (scale * (1 / (1 + Math.Exp(-z)) - t), Math.Max(z, 0) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z))));
        });

    /// <summary>Row loss -log softmax(z)[label]; gradient scale (softmax(z) - onehot(label)). Labels are class indices stored as floats.</summary>
    public static (double[] Gradient, double[] RowLoss) SoftmaxCrossEntropy(float[] logits, float[] labels, int rows, int classes, double scale)
    {
        var gradient = new double[rows * classes];
        var loss = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = logits.AsSpan(r * classes, classes);
            double max = double.NegativeInfinity, sum = 0;
            foreach (float v in row) max = Math.Max(max, v);
            foreach (float v in row) sum += Math.Exp(v - max);
            int label = (int)labels[r];
            for (int c = 0; c < classes; c++) gradient[r * classes + c] = scale * (Math.Exp(row[c] - max) / sum - (c == label ? 1 : 0));
            loss[r] = Math.Log(sum) + max - row[label];
        }
        return (gradient, loss);
    }

    /// <summary>Runs term(i) -> (gradient, loss) over every element and sums the losses per row.</summary>
    private static (double[] Gradient, double[] RowLoss) PerElement(int rows, int cols, Func<int, (double Gradient, double Loss)> term)
    {
        var gradient = new double[rows * cols];
        var loss = new double[rows];
        for (int i = 0; i < gradient.Length; i++)
        {
            var (g, l) = term(i);
            gradient[i] = g;
            loss[i / cols] += l;
        }
        return (gradient, loss);
    }
}
