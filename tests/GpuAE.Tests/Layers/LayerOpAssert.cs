namespace GpuAE.Tests.Layers;

/// <summary>The layer op tests' comparison with a float64 reference (GpuAE.Kernels' references, or plain loops).</summary>
public static class LayerOpAssert
{
    /// <summary>Asserts |actual - expected| &lt;= 1e-4 (1 + |expected|) element by element.</summary>
    public static void Close(double[] expected, float[] actual, string what)
    {
        Assert.True(actual.Length >= expected.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: op gives {actual[i]:G7}, float64 reference {expected[i]:G7}");
    }
}
