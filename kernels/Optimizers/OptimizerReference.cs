namespace GpuAE.Kernels.Optimizers;

/// <summary>
/// One optimizer step in float64, from the float32 state before it: the definitions the CPU
/// code and the kernels are checked against. Each returns the new weights and the new state.
/// </summary>
public static class OptimizerReference
{
    /// <summary>v' = momentum v + g + weightDecay w; w' = w - lr v'.</summary>
    public static (double[] Weights, double[] Velocity) Sgd(float[] w, float[] g, float[] v, double learningRate, double momentum, double weightDecay)
    {
        var velocity = new double[w.Length];
        var weights = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            velocity[i] = momentum * v[i] + g[i] + weightDecay * w[i];
            weights[i] = w[i] - learningRate * velocity[i];
        }
        return (weights, velocity);
    }

    /// <summary>Adam with bias-corrected moments: m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2, w' = w - lr (m' / c1) / (sqrt(v' / c2) + eps), c = 1 - b^step.</summary>
    public static (double[] Weights, double[] M, double[] V) Adam(float[] w, float[] g, float[] m, float[] v,
        double learningRate, double beta1, double beta2, double epsilon, int step)
    {
        double c1 = 1 - Math.Pow(beta1, step), c2 = 1 - Math.Pow(beta2, step);
        var (weights, mNew, vNew) = (new double[w.Length], new double[w.Length], new double[w.Length]);
        for (int i = 0; i < w.Length; i++)
        {
            mNew[i] = beta1 * m[i] + (1 - beta1) * g[i];
            vNew[i] = beta2 * v[i] + (1 - beta2) * g[i] * (double)g[i];
            weights[i] = w[i] - learningRate * (mNew[i] / c1) / (Math.Sqrt(vNew[i] / c2) + epsilon);
        }
        return (weights, mNew, vNew);
    }

    /// <summary>
    /// Adadelta: E[g^2]' = rho E[g^2] + (1 - rho) g^2, dx = sqrt(E[dx^2] + eps) / sqrt(E[g^2]' + eps) g,
    /// E[dx^2]' = rho E[dx^2] + (1 - rho) dx^2, w' = w - lr dx.
    /// </summary>
    public static (double[] Weights, double[] MeanSquareGradient, double[] MeanSquareStep) Adadelta(float[] w, float[] g, float[] meanSquareGradient,
        float[] meanSquareStep, double learningRate, double rho, double epsilon)
    {
        var (weights, sg, su) = (new double[w.Length], new double[w.Length], new double[w.Length]);
        for (int i = 0; i < w.Length; i++)
        {
            sg[i] = rho * meanSquareGradient[i] + (1 - rho) * g[i] * (double)g[i];
            double delta = Math.Sqrt(meanSquareStep[i] + epsilon) / Math.Sqrt(sg[i] + epsilon) * g[i];
            su[i] = rho * meanSquareStep[i] + (1 - rho) * delta * delta;
            weights[i] = w[i] - learningRate * delta;
        }
        return (weights, sg, su);
    }
}
