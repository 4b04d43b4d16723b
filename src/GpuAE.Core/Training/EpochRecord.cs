namespace GpuAE.Training;

/// <summary>One row of metrics.csv.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double TestLoss,
    double TestMse,
    double PsnrNoisy,
    double PsnrDenoised,
    double SsimNoisy,
    double SsimDenoised,
    double Seconds,
    double ImagesPerSecond)
{
    public const string CsvHeader = "epoch,train_loss,test_loss,test_mse,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised,seconds,images_per_s";

    public string ToCsv() => string.Join(",",
        Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        F(TrainLoss), F(TestLoss), F(TestMse), F(PsnrNoisy), F(PsnrDenoised), F(SsimNoisy), F(SsimDenoised), F(Seconds), F(ImagesPerSecond));

    private static string F(double v) => v.ToString("G7", System.Globalization.CultureInfo.InvariantCulture);
}
