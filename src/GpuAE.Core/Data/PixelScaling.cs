using System.Numerics;
using System.Runtime.CompilerServices;

namespace GpuAE.Data;

/// <summary>Converts 0..255 pixel bytes to floats pixel/255 (exact IEEE division, vectorised).</summary>
internal static class PixelScaling
{
    // Runs once per load over ~47M pixels: skip the unoptimised first JIT tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToUnitRange(ReadOnlySpan<byte> pixels, Span<float> result)
    {
        if (result.Length != pixels.Length) throw new ArgumentException("length mismatch", nameof(result));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var divisor = new Vector<float>(255f);
            int step = Vector<byte>.Count;
            for (; i <= pixels.Length - step; i += step)
            {
                Vector.Widen(new Vector<byte>(pixels[i..]), out var shortsLow, out var shortsHigh);
                WriteQuarter(shortsLow, divisor, result[i..]);
                WriteQuarter(shortsHigh, divisor, result[(i + step / 2)..]);
            }
        }
        for (; i < pixels.Length; i++) result[i] = pixels[i] / 255f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteQuarter(Vector<ushort> shorts, Vector<float> divisor, Span<float> destination)
    {
        Vector.Widen(shorts, out var low, out var high);
        (Vector.ConvertToSingle(low) / divisor).CopyTo(destination);
        (Vector.ConvertToSingle(high) / divisor).CopyTo(destination[Vector<float>.Count..]);
    }
}
