namespace GpuAE.Kernels.Conv;

/// <summary>
/// The shifted conv's backward data at any stride. Input row iy = s i + a (phase a) receives
/// dy row i + e from every tap kh with a + p - kh = s e, so each of dx's s x s phases is a
/// stride-1 correlation of dy with the taps of its phase (all of them at stride 1): the same
/// register tile over dy's zero-bordered planes, one offset per (output channel, tap), and the
/// phase's outputs scattered to every s-th row and column of dx.
/// </summary>
internal static unsafe partial class CpuConv
{
    /// <summary>The layout of dy's bordered planes shared by every phase of one backward-data pass.</summary>
    internal readonly record struct ShiftedBackShape(Conv2dGeometry G)
    {
        private int S => G.Stride;

        /// <summary>Rows of dx's phase a: iy = s i + a below InHeight.</summary>
        public int PhaseRows(int a) => (G.InHeight - a + S - 1) / S;
        public int PhaseCols(int b) => (G.InWidth - b + S - 1) / S;

        /// <summary>The dy row shift of tap kh in phase a, when a + p - kh is a multiple of s.</summary>
        public bool Reaches(int a, int kh) => (a + G.Padding - kh) % S == 0;
        public int Shift(int a, int kh) => FloorDiv(a + G.Padding - kh, S);

        /// <summary>The smallest and largest shift of any tap in any phase (dy's border reaches that far).</summary>
        public int EMin => FloorDiv(G.Padding - G.Kernel + 1, S);
        public int EMax => FloorDiv(S - 1 + G.Padding, S);

        public int PaddedWidth => PhaseCols(0) + EMax - EMin;
        public int PaddedHeight => PhaseRows(0) + EMax - EMin;
        public int Plane => PaddedHeight * PaddedWidth;
        public int PaddedFloats => G.OutChannels * Plane + EMax - EMin + 1 + ShiftedTileAvx512.Columns;

        /// <summary>Output positions of phase a: whole vectors over its rows at the padded width.</summary>
        public int Columns(int a) => RoundUpTo(PhaseRows(a) * PaddedWidth, ShiftedTileAvx512.Lanes);
        public int Rows => RoundUpTo(G.InChannels, ShiftedTileAvx512.Rows);
        public int OutputFloats => Rows * Columns(0);

        public int TapsPerChannel(int a, int b)
        {
            int rows = 0, cols = 0;
            for (int kh = 0; kh < G.Kernel; kh++) { if (Reaches(a, kh)) rows++; if (Reaches(b, kh)) cols++; }
            return rows * cols;
        }

        /// <summary>Packed weights and offsets of every phase, back to back.</summary>
        public (int Packed, int Offsets) Totals()
        {
            int packed = 0, offsets = 0;
            for (int a = 0; a < S; a++)
            for (int b = 0; b < S; b++)
            {
                int taps = G.OutChannels * TapsPerChannel(a, b);
                packed += Rows * taps;
                offsets += taps;
            }
            return (packed, offsets);
        }
    }

    /// <summary>
    /// Packs each phase's weights (row c, tap (o, kh, kw) = w[o, c, kh, kw], tiles of 8 rows,
    /// tap-major) and its taps' offsets into dy's bordered planes, phase after phase.
    /// </summary>
    public static void PackShiftedBackward(in ShiftedBackShape s, ReadOnlySpan<float> w, float[] packed, int[] offsets)
    {
        var g = s.G;
        int k = g.Kernel, st = g.Stride, pw = s.PaddedWidth, e0 = s.EMin;
        int packedAt = 0, offsetAt = 0;
        for (int a = 0; a < st; a++)
        for (int b = 0; b < st; b++)
        {
            int taps = g.OutChannels * s.TapsPerChannel(a, b), t = 0;
            for (int o = 0; o < g.OutChannels; o++)
            for (int kh = 0; kh < k; kh++)
            {
                if (!s.Reaches(a, kh)) continue;
                for (int kw = 0; kw < k; kw++)
                {
                    if (!s.Reaches(b, kw)) continue;
                    offsets[offsetAt + t] = o * s.Plane + (s.Shift(a, kh) - e0) * pw + (s.Shift(b, kw) - e0);
                    for (int c = 0; c < s.Rows; c++)
                        packed[packedAt + PackedAt(c, t, taps)] =
                            c < g.InChannels ? w[((o * g.InChannels + c) * k + kh) * k + kw] : 0f;
                    t++;
                }
            }
            packedAt += s.Rows * taps;
            offsetAt += taps;
        }
    }

    /// <summary>dx = the input gradient of one sample from its dy; padded and wide are this worker's scratch.</summary>
    public static void ShiftedBackwardSample(in ShiftedBackShape s, ReadOnlySpan<float> dy, float[] packed, int[] offsets,
        float[] padded, float[] wide, Span<float> dx)
    {
        var g = s.G;
        BorderPlanes(s, dy, padded);
        int st = g.Stride, h = g.InHeight, w = g.InWidth, pw = s.PaddedWidth, packedAt = 0, offsetAt = 0;
        for (int a = 0; a < st; a++)
        for (int b = 0; b < st; b++)
        {
            int taps = g.OutChannels * s.TapsPerChannel(a, b), columns = s.Columns(a);
            RunTiles(taps, s.Rows, columns, packed, packedAt, offsets, offsetAt, padded, wide);
            int rows = s.PhaseRows(a), cols = s.PhaseCols(b);
            for (int ch = 0; ch < g.InChannels; ch++)
            for (int i = 0; i < rows; i++)
            {
                var from = wide.AsSpan(ch * columns + i * pw, cols);
                var to = dx.Slice((ch * h + st * i + a) * w);
                if (st == 1) { from.CopyTo(to); continue; }
                for (int j = 0; j < cols; j++) to[st * j + b] = from[j];
            }
            packedAt += s.Rows * taps;
            offsetAt += taps;
        }
    }

    /// <summary>padded[o] = dy[o] shifted by -EMin rows and columns (a zero border when EMin &lt; 0, zeros after), then the zero tail.</summary>
    private static void BorderPlanes(in ShiftedBackShape s, ReadOnlySpan<float> dy, float[] padded)
    {
        var g = s.G;
        int oh = g.OutHeight, ow = g.OutWidth, pw = s.PaddedWidth, e0 = s.EMin;
        var all = padded.AsSpan(0, s.PaddedFloats);
        all.Clear();
        // Rows and columns of dy that no tap reaches (a border smaller than zero, when the
        // padding exceeds k - 1, or past the planes' end) are left out.
        int c0 = Math.Max(0, e0), count = Math.Min(ow, pw + e0) - c0;
        if (count <= 0) return;
        for (int o = 0; o < g.OutChannels; o++)
        for (int row = Math.Max(0, e0); row < oh && row - e0 < s.PaddedHeight; row++)
            dy.Slice((o * oh + row) * ow + c0, count).CopyTo(all.Slice(o * s.Plane + (row - e0) * pw + c0 - e0, count));
    }
}
