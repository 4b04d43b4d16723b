using System.Numerics.Tensors;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// The "shifted" conv variant: convolutions without a column matrix. One sample's
/// planes are copied into zero-bordered planes of width Wp = W + 2p. In that layout output
/// position q = oy Wp + ox of tap (c, kh, kw) reads padded input c Plane + kh Wp + kw + q, so
/// the GEMM weights[OutC, taps] x columns[taps, q] reads its columns straight from the padded
/// planes, one offset per tap (<see cref="ShiftedTileAvx512"/>). Outputs come out at the padded
/// width; the Wp - OW extra columns of each row are dropped when copied back. im2col writes and
/// then packs a taps x pixels matrix per sample (9 floats per input float); this writes the
/// input once. Larger strides read phase planes (<see cref="ShiftedShape"/>); backward data
/// runs the same tiles per phase of dx (CpuConvShiftedBackward.cs). Needs AVX-512; elsewhere,
/// and for the passes <see cref="CanShift"/> leaves out, im2col runs.
/// </summary>
internal static unsafe partial class CpuConv
{
    public const string Shifted = "shifted";

    /// <summary>
    /// Whether the shifted pass runs this geometry on this machine, at any stride: when the pass
    /// produces more than ThinChannels channels from at least <see cref="ShiftedInputs"/> (weight
    /// gradients: 3x3 kernels), and for the backward data of the thin convs, whose other
    /// path is the thin loops (conv-keras's 64 -> 1: 4.1 -> 3.1 ms with it).
    /// </summary>
    public static bool CanShift(in Conv2dGeometry g, CpuConvJob.Pass pass) => ShiftedTileAvx512.IsSupported && pass switch
    {
        CpuConvJob.Pass.Forward => g.OutChannels > ThinChannels && g.InChannels >= ShiftedInputs,
        CpuConvJob.Pass.BackwardData => g.InChannels > ThinChannels && (g.OutChannels >= ShiftedInputs || IsThinConv(g)),
        _ => g.Kernel == 3 && g.InChannels >= ShiftedInputs,
    };

    /// <summary>
    /// The tiles compute 8 output channels at a time over every tap of the pass's inputs: few
    /// outputs would mostly compute zeros (1 -> 64's backward data: 15.4 ms against im2col's
    /// 2.4), few inputs leave a tile storing more than it multiplies (1 -> 64 forward, 28x28,
    /// batch 128: 4.70 ms against 1.68), and the weight gradient's transposed output gradient
    /// costs more than it saves (3.47 ms against 1.73); `gpuae bench kernels --op conv`, 2 cores.
    /// </summary>
    public const int ShiftedInputs = 8;

    /// <summary>
    /// One shifted convolution: InChannels planes of Height x Width, zero-padded by Padding,
    /// correlated with Kernel x Kernel taps at Stride into OutChannels planes. At stride s each
    /// input plane is split into s x s phase planes (phase (a, b) holds x[s i + a, s j + b]);
    /// tap kh then reads phase a = (kh - p) mod s at row oy + dh, dh = floor((kh - p) / s), so
    /// every tap is again one flat shift, now inside a phase plane. The phase planes run from
    /// row and column DMin to the output size + DMax, zero outside the input; at stride 1 that
    /// is the input with a p-wide zero border.
    /// </summary>
    internal readonly record struct ShiftedShape(int InChannels, int Height, int Width, int Padding, int Kernel, int OutChannels, int Stride = 1)
    {
        public static ShiftedShape Forward(in Conv2dGeometry g) =>
            new(g.InChannels, g.InHeight, g.InWidth, g.Padding, g.Kernel, g.OutChannels, g.Stride);

        public int OutHeight => (Height + 2 * Padding - Kernel) / Stride + 1;
        public int OutWidth => (Width + 2 * Padding - Kernel) / Stride + 1;

        /// <summary>The first and last phase-plane shifts a tap makes: floor(-p / s) and floor((k - 1 - p) / s).</summary>
        public int DMin => FloorDiv(-Padding, Stride);
        public int DMax => FloorDiv(Kernel - 1 - Padding, Stride);

        public int PaddedWidth => OutWidth + DMax - DMin;
        public int PaddedHeight => OutHeight + DMax - DMin;
        public int Plane => PaddedHeight * PaddedWidth;

        /// <summary>Phase planes: s x s per input channel.</summary>
        public int Planes => InChannels * Stride * Stride;
        public int Taps => InChannels * Kernel * Kernel;

        /// <summary>Output positions computed per plane: whole vectors over OutHeight padded-width rows.</summary>
        public int Columns => RoundUpTo(OutHeight * PaddedWidth, ShiftedTileAvx512.Lanes);

        /// <summary>Output channels rounded up to whole tiles (the extra rows compute zeros).</summary>
        public int Rows => RoundUpTo(OutChannels, ShiftedTileAvx512.Rows);

        /// <summary>
        /// Padded planes plus a zero tail: the last tile of the last tap reads up to DMax - DMin +
        /// a tile's width past Planes x Plane (its rows end at the plane's end, its columns run over).
        /// </summary>
        public int PaddedFloats => Planes * Plane + DMax - DMin + 1 + ShiftedTileAvx512.Columns;

        public int OutputFloats => Rows * Columns;
    }

    /// <summary>floor(a / b) for b &gt; 0 (C#'s / rounds toward zero).</summary>
    private static int FloorDiv(int a, int b) => a / b - (a % b < 0 ? 1 : 0);

    /// <summary>offsets[(c k + kh) k + kw]: where each tap reads (phase plane, then row and column shift).</summary>
    public static void ShiftedOffsets(in ShiftedShape s, int[] offsets)
    {
        int k = s.Kernel, st = s.Stride, p = s.Padding;
        for (int c = 0; c < s.InChannels; c++)
        for (int kh = 0; kh < k; kh++)
        for (int kw = 0; kw < k; kw++)
        {
            int dh = FloorDiv(kh - p, st), dw = FloorDiv(kw - p, st);
            int a = kh - p - st * dh, b = kw - p - st * dw;
            int plane = (c * st + a) * st + b;
            offsets[(c * k + kh) * k + kw] = plane * s.Plane + (dh - s.DMin) * s.PaddedWidth + (dw - s.DMin);
        }
    }

    /// <summary>
    /// Packs forward weights [OutC, InC k k] into tiles of 8 rows, tap-major within a tile
    /// (packed[(r / 8) taps 8 + t 8 + r % 8] = w[r, t]); rows past OutChannels are zero.
    /// </summary>
    public static void PackShiftedForward(in Conv2dGeometry g, ReadOnlySpan<float> w, float[] packed)
    {
        var s = ShiftedShape.Forward(g);
        for (int r = 0; r < s.Rows; r++)
        for (int t = 0; t < s.Taps; t++)
            packed[PackedAt(r, t, s.Taps)] = r < s.OutChannels ? w[r * s.Taps + t] : 0f;
    }

    /// <summary>
    /// y = the shifted convolution of one sample x (InChannels x Height x Width) with the packed
    /// weights, plus bias[o] on output channel o when given; padded and wide are this worker's
    /// scratch (PaddedFloats, OutputFloats).
    /// </summary>
    public static void ShiftedSample(in ShiftedShape s, ReadOnlySpan<float> x, float[] packed, int[] offsets,
        float[] padded, float[] wide, Span<float> y, float[]? bias)
    {
        PadShifted(s, x, padded);
        RunTiles(s.Taps, s.Rows, s.Columns, packed, 0, offsets, 0, padded, wide);
        int oh = s.OutHeight, ow = s.OutWidth, wp = s.PaddedWidth;
        for (int o = 0; o < s.OutChannels; o++)
        for (int row = 0; row < oh; row++)
        {
            var from = wide.AsSpan(o * s.Columns + row * wp, ow);
            var to = y.Slice((o * oh + row) * ow, ow);
            if (bias is null) from.CopyTo(to);
            else TensorPrimitives.Add(from, bias[o], to);
        }
    }

    /// <summary>Row length of the transposed weight gradient: output channels rounded up to whole tiles.</summary>
    public static int ShiftedWeightStride(in Conv2dGeometry g) =>
        RoundUpTo(g.OutChannels, ShiftedWeightTileAvx512.Columns);

    /// <summary>
    /// dwT[(c 9 + t) ld + o] += one sample's 3x3 weight gradient, ld = ShiftedWeightStride: for
    /// each input channel, the 9 taps' sums over positions q of padded x[c] at q + shift(t)
    /// times dy[o] at q, with dy transposed to [q, o] (dyT: scratch) and zero at the extra
    /// columns of the padded-width rows, so those positions add nothing.
    /// </summary>
    public static void ShiftedWeightsSample(in Conv2dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, int[] offsets,
        float[] padded, float[] dyT, float[] dwT)
    {
        var s = ShiftedShape.Forward(g);
        int ld = ShiftedWeightStride(g), wp = s.PaddedWidth, oh = s.OutHeight, ow = s.OutWidth, positions = oh * wp;
        PadShifted(s, x, padded);
        dyT.AsSpan(0, positions * ld).Clear();
        for (int o = 0; o < g.OutChannels; o++)
        for (int row = 0; row < oh; row++)
        {
            var from = dy.Slice((o * oh + row) * ow, ow);
            int to = row * wp * ld + o;
            for (int col = 0; col < ow; col++) dyT[to + col * ld] = from[col];
        }
        fixed (float* xp = padded, d = dyT, w = dwT)
        fixed (int* off = offsets)
        {
            for (int c = 0; c < g.InChannels; c++)
            for (int j = 0; j < ld; j += ShiftedWeightTileAvx512.Columns)
                ShiftedWeightTileAvx512.Tile(positions, xp, off + c * 9, d + j, ld, w + (nint)c * 9 * ld + j, ld);
        }
    }

    /// <summary>Scratch floats of the transposed output gradient ShiftedWeightsSample uses.</summary>
    public static int ShiftedWeightScratch(in Conv2dGeometry g)
    {
        var s = ShiftedShape.Forward(g);
        return s.OutHeight * s.PaddedWidth * ShiftedWeightStride(g);
    }

    /// <summary>
    /// wide[r, j] for every row tile r &lt; rows and column tile j &lt; columns (row stride columns):
    /// the tiles over the padded planes, with the packed weights at packedAt and the taps'
    /// offsets at offsetAt.
    /// </summary>
    private static void RunTiles(int taps, int rows, int columns, float[] packed, int packedAt, int[] offsets, int offsetAt,
        float[] padded, float[] wide)
    {
        fixed (float* a = packed, xp = padded, c = wide)
        fixed (int* off = offsets)
        {
            // Column tiles outside, row tiles inside: the inputs one column tile reads (a few
            // padded rows of every channel) stay in L1 while every row tile reuses them.
            for (int j = 0; j < columns; j += ShiftedTileAvx512.Columns)
            for (int r = 0; r < rows; r += ShiftedTileAvx512.Rows)
            {
                float* w = a + packedAt + (nint)r * taps, to = c + (nint)r * columns + j;
                switch (columns - j)
                {
                    case >= ShiftedTileAvx512.Columns: ShiftedTileAvx512.Tile(taps, w, xp + j, off + offsetAt, to, columns); break;
                    case 2 * ShiftedTileAvx512.Lanes: ShiftedTileAvx512.Tile32(taps, w, xp + j, off + offsetAt, to, columns); break;
                    default: ShiftedTileAvx512.Tile16(taps, w, xp + j, off + offsetAt, to, columns); break;
                }
            }
        }
    }

    /// <summary>Where packed weights keep row r of tap t: tiles of 8 rows, tap-major within a tile.</summary>
    private static int PackedAt(int r, int t, int taps) =>
        (r - r % ShiftedTileAvx512.Rows) * taps + t * ShiftedTileAvx512.Rows + r % ShiftedTileAvx512.Rows;

    private static int RoundUpTo(int x, int unit) => (x + unit - 1) / unit * unit;

    /// <summary>padded = x's (phase) planes with their zero borders, then the zero tail.</summary>
    private static void PadShifted(in ShiftedShape s, ReadOnlySpan<float> x, float[] padded)
    {
        int h = s.Height, w = s.Width, p = s.Padding, wp = s.PaddedWidth;
        var all = padded.AsSpan(0, s.PaddedFloats);
        if (s.Stride > 1) { SplitPhases(s, x, all); return; }
        if (p == 0) all[(s.InChannels * s.Plane)..].Clear();
        else all.Clear();
        for (int c = 0; c < s.InChannels; c++)
        {
            if (p == 0) { x.Slice(c * h * w, h * w).CopyTo(all.Slice(c * s.Plane)); continue; }
            for (int row = 0; row < h; row++)
                x.Slice((c * h + row) * w, w).CopyTo(all.Slice(c * s.Plane + (row + p) * wp + p, w));
        }
    }

    /// <summary>Phase plane (c, a, b) row i, column j = x[c, s (i + DMin) + a, s (j + DMin) + b], zero outside x.</summary>
    private static void SplitPhases(in ShiftedShape s, ReadOnlySpan<float> x, Span<float> all)
    {
        int h = s.Height, w = s.Width, st = s.Stride, d = s.DMin, ph = s.PaddedHeight, pw = s.PaddedWidth;
        all.Clear();
        for (int c = 0; c < s.InChannels; c++)
        for (int a = 0; a < st; a++)
        for (int b = 0; b < st; b++)
        {
            var plane = all.Slice(((c * st + a) * st + b) * s.Plane, s.Plane);
            for (int i = 0; i < ph; i++)
            {
                int iy = st * (i + d) + a;
                if ((uint)iy >= (uint)h) continue;
                var src = x.Slice((c * h + iy) * w, w);
                var dst = plane.Slice(i * pw, pw);
                for (int j = 0; j < pw; j++)
                {
                    int ix = st * (j + d) + b;
                    if ((uint)ix < (uint)w) dst[j] = src[ix];
                }
            }
        }
    }
}
