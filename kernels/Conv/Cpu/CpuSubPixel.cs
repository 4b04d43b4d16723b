using GpuAE.Compute;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// A 3x3 stride-1 convolution of the x2 nearest upsampling of x, computed on x itself (the
/// "subpixel" variant of the CPU's upsample-conv fusion). Output row oy = 2 i + q of the
/// upsampled conv reads upsampled rows oy - p .. oy - p + 2, which hold only two rows of x:
/// i + D(q) and i + D(q) + 1, with D(q) = floor((q - p) / 2). So each of the four output phases
/// (q, r) is a 2x2 convolution of x whose taps are sums of the 3x3 taps, and the four together
/// are one 2x2 convolution with 4 OutChannels outputs and padding P = ceil(p / 2), the "inner"
/// conv, whose output planes hold every phase's outputs at an offset D(q) + P. A quad of outputs
/// then costs 4 x 4 taps per input channel instead of 4 x 9: 2.25x fewer multiply-adds, on
/// planes a quarter the size. The sums are those of the upsampled conv in another order, so the
/// numbers agree to rounding, not bit for bit.
/// </summary>
internal static class CpuSubPixel
{
    /// <summary>The op family (`--kernels upsample-conv=...`) and its variants: this one, and the conv of the upsampling itself.</summary>
    public const string Op = "upsample-conv", Name = "subpixel", Upsampled = "upsampled";

    public static readonly string[] Variants = [Name, Upsampled];

    /// <summary>
    /// Whether g (a conv of the upsampled input: even sides) runs as the sub-pixel conv: 3x3,
    /// stride 1, padding up to 2, on small planes of at least <see cref="MinPixels"/> pixels or
    /// with a thin inner conv (one output channel: a decoder's last layer), which runs the thin
    /// loops; a wider inner conv runs im2col and GEMMs on the small planes (CpuConvJob), where
    /// the shifted tiles would mostly compute borders.
    /// </summary>
    public static bool Fits(in Conv2dGeometry g) =>
        g.Kernel == 3 && g.Stride == 1 && g.Padding <= 2 && g.InHeight % 2 == 0 && g.InWidth % 2 == 0
        && (g.InPixels / 4 >= MinPixels || CpuConv.IsThinConv(Inner(g)));

    /// <summary>
    /// Below 8x8 small planes a wide inner conv's per-sample GEMMs are too short to pay.
    /// `gpuae bench kernels --device cpu --op upsample-conv` (batch 128, 2 cores, ms forward /
    /// backward data / weight gradient, sub-pixel against the conv of the upsampling, two runs
    /// agreeing within 0.2 ms): conv-keras's 16 -> 32 on 4x4 0.52 / 0.83 / 0.44 against 0.48 /
    /// 0.48 / 0.47; its 32 -> 64 on 8x8 2.26 / 2.29 / 1.88 against 3.55 / 3.73 / 3.11 (with the
    /// shifted tiles inside, before: 2.53 / 4.27 / 1.77); its 64 -> 1 on 14x14 0.70 / 0.48 /
    /// 0.69 against 1.85 / 2.06 / 1.75.
    /// </summary>
    public const int MinPixels = 64;

    /// <summary>The 2x2 conv on the small input whose output channel (2 q + r) OutC + o is phase (q, r) of channel o.</summary>
    public static Conv2dGeometry Inner(in Conv2dGeometry g) =>
        new(g.Batch, g.InChannels, g.InHeight / 2, g.InWidth / 2, 4 * g.OutChannels, 2, 1, (g.Padding + 1) / 2);

    /// <summary>Where phase q's output i sits in the inner conv's plane: i + D(q) + P.</summary>
    private static int Offset(int q, int p) => FloorHalf(q - p) + (p + 1) / 2;

    /// <summary>Which of the inner conv's two taps the 3x3 tap k becomes in phase q: 0 or 1.</summary>
    private static int InnerTap(int q, int k, int p) => FloorHalf(q + k - p) - FloorHalf(q - p);

    private static int FloorHalf(int a) => a >> 1;

    /// <summary>inner[(2 q + r) OutC + o, c, a, b] = the sum of w[o, c, kh, kw] over the taps that phase (q, r) folds into (a, b).</summary>
    public static void CombineWeights(in Conv2dGeometry g, ReadOnlySpan<float> w, Span<float> inner)
    {
        int p = g.Padding, patch = g.Patch, outC = g.OutChannels;
        inner[..(16 * g.InChannels * outC)].Clear();
        for (int q = 0; q < 2; q++)
        for (int r = 0; r < 2; r++)
        for (int o = 0; o < outC; o++)
        for (int c = 0; c < g.InChannels; c++)
        {
            var to = inner.Slice((((2 * q + r) * outC + o) * g.InChannels + c) * 4, 4);
            var from = w.Slice(o * patch + c * 9, 9);
            for (int kh = 0; kh < 3; kh++)
            for (int kw = 0; kw < 3; kw++)
                to[2 * InnerTap(q, kh, p) + InnerTap(r, kw, p)] += from[3 * kh + kw];
        }
    }

    /// <summary>dw[o, c, kh, kw] = the sum over the phases of the inner weight gradient at the tap (kh, kw) folds into (the adjoint of CombineWeights).</summary>
    public static void FoldWeightGradient(in Conv2dGeometry g, ReadOnlySpan<float> inner, Span<float> dw)
    {
        int p = g.Padding, patch = g.Patch, outC = g.OutChannels;
        for (int o = 0; o < outC; o++)
        for (int c = 0; c < g.InChannels; c++)
        for (int kh = 0; kh < 3; kh++)
        for (int kw = 0; kw < 3; kw++)
        {
            float sum = 0;
            for (int q = 0; q < 2; q++)
            for (int r = 0; r < 2; r++)
                sum += inner[(((2 * q + r) * outC + o) * g.InChannels + c) * 4 + 2 * InnerTap(q, kh, p) + InnerTap(r, kw, p)];
            dw[o * patch + c * 9 + 3 * kh + kw] = sum;
        }
    }

    /// <summary>y[o, 2 i + q, 2 j + r] = phases[(2 q + r) OutC + o, i + Offset(q), j + Offset(r)] + bias[o]: one sample's outputs from the inner conv's.</summary>
    public static void Scatter(in Conv2dGeometry g, ReadOnlySpan<float> phases, Span<float> y, float[]? bias)
    {
        var inner = Inner(g);
        int oh = g.OutHeight, ow = g.OutWidth, ih = inner.OutHeight, iw = inner.OutWidth, p = g.Padding;
        for (int q = 0; q < 2; q++)
        for (int r = 0; r < 2; r++)
        for (int o = 0; o < g.OutChannels; o++)
        {
            var plane = phases.Slice(((2 * q + r) * g.OutChannels + o) * ih * iw, ih * iw);
            var to = y.Slice(o * oh * ow, oh * ow);
            float b = bias is null ? 0f : bias[o];
            int dq = Offset(q, p), dr = Offset(r, p);
            for (int oy = q, i = dq; oy < oh; oy += 2, i++)
            {
                var row = plane.Slice(i * iw + dr);
                for (int ox = r, j = 0; ox < ow; ox += 2, j++) to[oy * ow + ox] = row[j] + b;
            }
        }
    }

    /// <summary>The adjoint of Scatter: one sample's output gradient as the inner conv's, zero where no output of the phase lands.</summary>
    public static void Gather(in Conv2dGeometry g, ReadOnlySpan<float> dy, Span<float> phases)
    {
        var inner = Inner(g);
        int oh = g.OutHeight, ow = g.OutWidth, ih = inner.OutHeight, iw = inner.OutWidth, p = g.Padding;
        phases[..inner.OutputSize].Clear();
        for (int q = 0; q < 2; q++)
        for (int r = 0; r < 2; r++)
        for (int o = 0; o < g.OutChannels; o++)
        {
            var plane = phases.Slice(((2 * q + r) * g.OutChannels + o) * ih * iw, ih * iw);
            var from = dy.Slice(o * oh * ow, oh * ow);
            int dq = Offset(q, p), dr = Offset(r, p);
            for (int oy = q, i = dq; oy < oh; oy += 2, i++)
            {
                var row = plane.Slice(i * iw + dr);
                for (int ox = r, j = 0; ox < ow; ox += 2, j++) row[j] = from[oy * ow + ox];
            }
        }
    }
}
