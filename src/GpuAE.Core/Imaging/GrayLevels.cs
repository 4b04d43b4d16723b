namespace GpuAE.Imaging;

/// <summary>Gray values in [0,1] to and from 8-bit levels, and colour to gray.</summary>
public static class GrayLevels
{
    /// <summary>Levels 0..255, rounded; out-of-range values are clamped and NaN becomes 0.</summary>
    public static byte[] Quantize(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            bytes[i] = float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
        }
        return bytes;
    }

    public static float[] ToUnit(ReadOnlySpan<byte> levels)
    {
        var values = new float[levels.Length];
        for (int i = 0; i < levels.Length; i++) values[i] = levels[i] / 255f;
        return values;
    }

    /// <summary>ITU-R BT.601 luma of an 8-bit colour, in [0,1]: 0.299 R + 0.587 G + 0.114 B.</summary>
    public static float Luma(byte r, byte g, byte b) => (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
}
