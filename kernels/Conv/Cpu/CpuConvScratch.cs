namespace GpuAE.Kernels.Conv;

/// <summary>
/// One worker's conv scratch (im2col columns, a GEMM-sized sample slice, a partial weight
/// and bias gradient, one sample's upsampled input or its gradient, one sample's output before pooling or its gradient, the sub-pixel conv's output phases or their gradient and its weight gradient), grown only when a larger layer needs more, so steady-state steps allocate nothing.
/// </summary>
internal sealed class CpuConvScratch
{
    public float[] Columns = [];
    public float[] Sample = [];
    public float[] Weights = [];
    public float[] WeightsTransposed = [];
    public double[] BiasSums = [];
    public float[] Upsampled = [];
    public float[] Unpooled = [];
    public float[] Phases = [];
    public float[] PhaseWeights = [];

    public static float[] Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<float>(length, pinned: true);
        return buffer;
    }
}
