namespace GpuAE.Imaging;

/// <summary>The five PNG scanline filters (PNG spec section 9), applied and undone one row at a time.</summary>
internal static class PngFilter
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <summary>Reverses <paramref name="type"/> in place. <paramref name="prior"/> is the previous
    /// reconstructed row (all zeros for the first row); <paramref name="bpp"/> is bytes per pixel.</summary>
    public static void Unfilter(byte type, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (type)
        {
            case None: return;
            case Sub:
                for (int i = bpp; i < row.Length; i++) row[i] += row[i - bpp];
                return;
            case Up:
                for (int i = 0; i < row.Length; i++) row[i] += prior[i];
                return;
            case Average:
                for (int i = 0; i < row.Length; i++)
                    row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + prior[i]) >> 1);
                return;
            case Paeth:
                for (int i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, c = i >= bpp ? prior[i - bpp] : 0;
                    row[i] += PaethPredictor(a, prior[i], c);
                }
                return;
            default:
                throw new ImageFormatException($"unknown PNG filter type {type}");
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="type"/> into <paramref name="output"/>.</summary>
    public static void Apply(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> output)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = prior[i], c = i >= bpp ? prior[i - bpp] : 0;
            int predicted = type switch
            {
                None => 0,
                Sub => a,
                Up => b,
                Average => (a + b) >> 1,
                Paeth => PaethPredictor(a, b, c),
                _ => throw new ArgumentOutOfRangeException(nameof(type)),
            };
            output[i] = (byte)(row[i] - predicted);
        }
    }

    /// <summary>
    /// The filter libpng's heuristic picks: the one whose output, read as signed bytes, has the
    /// smallest sum of magnitudes. Cheap, and usually within a few percent of the best choice.
    /// </summary>
    public static byte ChooseAdaptive(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> scratch)
    {
        byte best = None;
        long bestCost = long.MaxValue;
        for (byte type = None; type <= Paeth; type++)
        {
            Apply(type, row, prior, bpp, scratch);
            long cost = 0;
            foreach (byte v in scratch) cost += v < 128 ? v : 256 - v;
            if (cost < bestCost) { bestCost = cost; best = type; }
        }
        return best;
    }

    private static byte PaethPredictor(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return (byte)a;
        return pb <= pc ? (byte)b : (byte)c;
    }
}
