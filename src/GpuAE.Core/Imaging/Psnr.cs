namespace GpuAE.Imaging;

/// <summary>Peak signal-to-noise ratio of an image against its reference (what metrics and sample captions report).</summary>
public static class Psnr
{
    /// <summary>PSNR in dB of one image with data range 1, from its mean squared error; capped at 100 dB for a perfect match.</summary>
    public static double FromMse(double mse) => mse <= 1e-10 ? 100.0 : 10.0 * Math.Log10(1.0 / mse);
}
