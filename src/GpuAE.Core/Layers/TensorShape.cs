namespace GpuAE.Layers;

/// <summary>The shape of one sample, NCHW without the batch: channels x height x width.</summary>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    public int Size => Channels * Height * Width;

    /// <summary>A flat vector of n features (Dense layers see samples this way).</summary>
    public static TensorShape Vector(int n) => new(n, 1, 1);

    /// <summary>"28x28 images", "64x7x7 maps", "784 values": for messages about what a model takes and gives.</summary>
    public string Describe() => Height == 1 && Width == 1 ? $"{Channels} values" : Channels == 1 ? $"{Width}x{Height} images" : $"{Channels}x{Height}x{Width} maps";

    public override string ToString() => Height == 1 && Width == 1 ? $"{Channels}" : $"{Channels}x{Height}x{Width}";
}
