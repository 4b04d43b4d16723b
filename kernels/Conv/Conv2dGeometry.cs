namespace GpuAE.Compute;

/// <summary>
/// The shape of one batched 2-D convolution over NCHW tensors: square kernel, one stride and
/// one zero padding for both axes. Input [Batch, InChannels, InHeight, InWidth], weights
/// [OutChannels, InChannels, Kernel, Kernel] (PyTorch's layout), output
/// [Batch, OutChannels, OutHeight, OutWidth] with OutHeight = (InHeight + 2 Padding - Kernel) / Stride + 1.
/// A transposed convolution is described by its adjoint: the convolution that maps the
/// transposed convolution's output shape back to its input shape.
/// </summary>
public readonly record struct Conv2dGeometry(int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int Kernel, int Stride, int Padding)
{
    public int OutHeight => (InHeight + 2 * Padding - Kernel) / Stride + 1;
    public int OutWidth => (InWidth + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Rows of one sample's im2col matrix: InChannels x Kernel x Kernel.</summary>
    public int Patch => InChannels * Kernel * Kernel;

    public int InPixels => InHeight * InWidth;
    public int OutPixels => OutHeight * OutWidth;
    public int InputSize => InChannels * InPixels;
    public int OutputSize => OutChannels * OutPixels;
    public int WeightCount => OutChannels * Patch;

    /// <summary>Throws ArgumentException naming the first impossible dimension.</summary>
    public void Validate()
    {
        if (Batch <= 0 || InChannels <= 0 || OutChannels <= 0 || InHeight <= 0 || InWidth <= 0)
            throw new ArgumentException($"conv2d: sizes must be positive ({this})");
        if (Kernel <= 0 || Stride <= 0 || Padding < 0)
            throw new ArgumentException($"conv2d: kernel and stride must be positive and padding not negative ({this})");
        if (InHeight + 2 * Padding < Kernel || InWidth + 2 * Padding < Kernel)
            throw new ArgumentException($"conv2d: a {Kernel}x{Kernel} kernel does not fit a {InHeight}x{InWidth} input padded by {Padding}");
    }
}
