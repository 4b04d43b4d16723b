namespace GpuAE.Compute.Tuning;

/// <summary>The hot ops whose variants are chosen per shape.</summary>
public enum TunedOp : byte
{
    Gemm,
    ConvForward,
    ConvBackwardData,
    ConvBackwardWeights,
}

/// <summary>
/// One call shape of a hot op: the key under which a tuned variant is remembered. A struct with
/// generated equality, so looking a choice up in a training step allocates nothing.
/// </summary>
public readonly record struct ShapeKey(TunedOp Op, int A, int B, int C, int D, int E, int F, int G, int H)
{
    /// <summary>op(A) [m, k] x op(B) [k, n]; the transpositions in E (bit 0: A, bit 1: B).</summary>
    public static ShapeKey Gemm(bool transposeA, bool transposeB, int m, int n, int k) =>
        new(TunedOp.Gemm, m, n, k, 0, (transposeA ? 1 : 0) | (transposeB ? 2 : 0), 0, 0, 0);

    public static ShapeKey Conv(TunedOp pass, in Conv2dGeometry g) =>
        new(pass, g.Batch, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Kernel, g.Stride, g.Padding);

    /// <summary>The op family whose variants apply: "gemm" or "conv".</summary>
    public string Family => Op == TunedOp.Gemm ? "gemm" : "conv";

    public bool IsGemm => Op == TunedOp.Gemm;

    public Conv2dGeometry Geometry => new(A, B, C, D, E, F, G, H);

    public override string ToString() => Op switch
    {
        TunedOp.Gemm => $"gemm {((E & 1) != 0 ? 'T' : 'N')}{((E & 2) != 0 ? 'T' : 'N')} {A}x{B}x{C}",
        _ => $"conv-{Op switch { TunedOp.ConvForward => "fwd", TunedOp.ConvBackwardData => "bwd-data", _ => "bwd-weights" }} b{A} {B}x{C}x{D}->{E} k{F} s{G} p{H}",
    };
}
