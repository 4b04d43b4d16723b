using System.Text.Json.Serialization;

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
    double SsimDenoised) : ITestResult
{
    /// <summary>Largest minus smallest output value over the first images of the split: near 0 when the output collapsed to a constant.</summary>
    [JsonIgnore] public double OutputSpread { get; init; } = double.NaN;

    /// <summary>An output whose values span less than this (of the [0, 1] range) is a constant image.</summary>
    public const double ConstantSpread = 1e-3;

    /// <summary>PSNR in dB of one image with data range 1; capped at 100 dB for a perfect match.</summary>
    public static double Psnr(double mse) => Imaging.Psnr.FromMse(mse);

    public static string CsvColumns => "test_mse,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised";

    [JsonIgnore] public IEnumerable<double> CsvValues => [MseDenoised, PsnrNoisy, PsnrDenoised, SsimNoisy, SsimDenoised];

    [JsonIgnore] public string Summary => $"test MSE {MseDenoised:F5}  PSNR {PsnrNoisy:F2} -> {PsnrDenoised:F2} dB  SSIM {SsimNoisy:F3} -> {SsimDenoised:F3}";

    [JsonIgnore] public string? Collapse => OutputSpread < ConstantSpread
        ? $"the output has collapsed to a constant image (all its pixels within {OutputSpread:G2} of each other, denoised PSNR {PsnrDenoised:F2} dB)"
        : null;
}
