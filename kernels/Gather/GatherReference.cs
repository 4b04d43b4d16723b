namespace GpuAE.Kernels.Gather;

/// <summary>
/// Rows of a [sourceRows, cols] matrix picked by indices stored as floats (a shuffled epoch
/// order, uploaded once): the definition the CPU code and the kernel are checked against, bit
/// for bit (a gather only moves floats).
/// </summary>
public static class GatherReference
{
    /// <summary>
    /// Whether a float names a source row: a whole number in [0, sourceRows). NaN and infinities
    /// fail the range test, fractions the round trip through int. Shared with the kernel.
    /// </summary>
    public static bool IsRow(float index, int sourceRows) => index >= 0.0f && index < sourceRows && (float)(int)index == index;

    /// <summary>destination[r, c] = source[order[start + r], c] for r &lt; rows, or NaN where order[start + r] names no row.</summary>
    public static double[] GatherRows(float[] source, int sourceRows, int cols, float[] order, int start, int rows)
    {
        var result = new double[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            float index = order[start + r];
            for (int c = 0; c < cols; c++)
                result[r * cols + c] = IsRow(index, sourceRows) ? source[(int)index * cols + c] : double.NaN;
        }
        return result;
    }
}
