using GpuAE.Kernels.Spatial;

namespace GpuAE.Kernels.Conv;

/// <summary>
/// The three passes of a conv whose input is the x2 nearest upsampling of a buffer a quarter the
/// size (Accelerator.Conv2dForward with upsampledInput), in float64: the upsampling (exact in
/// float), then <see cref="ConvReference"/>; the input gradient summed over each upsampled block.
/// The reference of the tests and of `gpuae bench kernels --op upsample-conv`.
/// </summary>
public static class UpsampledConvReference
{
    /// <summary>x's x2 nearest upsampling, the input g convolves (g's input sides are the upsampled ones).</summary>
    public static float[] Upsampled(Conv2dGeometry g, float[] x) =>
        Array.ConvertAll(SpatialReference.UpsampleForward(x, g.Batch * g.InChannels, g.InHeight / 2, g.InWidth / 2), v => (float)v);

    public static double[] Forward(Conv2dGeometry g, float[] x, float[] w) => ConvReference.Forward(g, Upsampled(g, x), w);

    /// <summary>The small input's gradient: each 2x2 block of the upsampled input's gradient summed.</summary>
    public static double[] BackwardData(Conv2dGeometry g, float[] dy, float[] w) =>
        SpatialReference.UpsampleBackward(ConvReference.BackwardData(g, dy, w), g.Batch * g.InChannels, g.InHeight / 2, g.InWidth / 2);

    public static double[] BackwardWeights(Conv2dGeometry g, float[] x, float[] dy) => ConvReference.BackwardWeights(g, Upsampled(g, x), dy);
}
