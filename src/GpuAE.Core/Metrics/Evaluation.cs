namespace GpuAE.Metrics;

/// <summary>Denoising quality on one split: noisy-vs-clean and denoised-vs-clean.</summary>
public sealed record Evaluation(
    int Images,
    string Noise,
    double Loss,
    double MseNoisy,
    double MseDenoised,
    double PsnrNoisy,
    double PsnrDenoised,
    double SsimNoisy,
    double SsimDenoised)
{
    /// <summary>PSNR in dB of one image with data range 1; capped at 100 dB for a perfect match.</summary>
    public static double Psnr(double mse) => mse <= 1e-10 ? 100.0 : 10.0 * Math.Log10(1.0 / mse);
}
