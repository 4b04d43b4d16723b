namespace GpuAE.Imaging;

/// <summary>
/// An image file could not be read or an image could not be encoded. The message is one line naming
/// the problem; when the image came from a file, the file name is part of it.
/// </summary>
public sealed class ImageFormatException : Exception
{
    public ImageFormatException(string message) : base(message) { }
    public ImageFormatException(string message, Exception inner) : base(message, inner) { }
}
