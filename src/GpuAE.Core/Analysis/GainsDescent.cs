namespace GpuAE.Analysis;

/// <summary>
/// Gradient descent with momentum and per-coordinate adaptive gains (delta-bar-delta, as in the
/// reference t-SNE): a coordinate's gain grows by 0.2 while its steps keep going the same way (the
/// gradient's sign is opposite to the last update's) and shrinks x0.8 when the direction flips,
/// never below 0.01.
/// </summary>
internal sealed class GainsDescent(int size)
{
    public const double GainIncrease = 0.2, GainDecay = 0.8, MinGain = 0.01;

    private readonly double[] _update = new double[size];
    private readonly double[] _gains = Enumerable.Repeat(1.0, size).ToArray();

    public void Step(double[] y, double[] grad, double momentum, double learningRate)
    {
        for (int c = 0; c < y.Length; c++)
        {
            double gain = _update[c] * grad[c] < 0 ? _gains[c] + GainIncrease : _gains[c] * GainDecay;
            _gains[c] = Math.Max(gain, MinGain);
            _update[c] = momentum * _update[c] - learningRate * _gains[c] * grad[c];
            y[c] += _update[c];
        }
    }
}
