using System.Globalization;
using GpuAE.Metrics;

namespace GpuAE.Training;

/// <summary>An evaluated epoch, whatever the task (what observers print).</summary>
public interface IEpochRecord
{
    int Epoch { get; }
    double TrainLoss { get; }
    double TestLoss { get; }
    double Seconds { get; }
    double ImagesPerSecond { get; }

    /// <summary>The console line for this epoch.</summary>
    string Line(int epochs);
}

/// <summary>
/// One row of metrics.csv: the epoch, the mean training loss, the test evaluation and the
/// epoch's time. The columns are epoch,train_loss,test_loss, the test result's own columns
/// (a denoiser's test_mse,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised; a classifier's
/// test_accuracy), then seconds,images_per_s (README, "Output files").
/// </summary>
public sealed record EpochRecord<T>(int Epoch, double TrainLoss, T Test, double Seconds, double ImagesPerSecond) : IEpochRecord
    where T : ITestResult
{
    public double TestLoss => Test.Loss;

    public static string CsvHeader => $"epoch,train_loss,test_loss,{T.CsvColumns},seconds,images_per_s";

    public string ToCsv() => string.Join(",",
        [Epoch.ToString(CultureInfo.InvariantCulture), F(TrainLoss), F(TestLoss), .. Test.CsvValues.Select(F), F(Seconds), F(ImagesPerSecond)]);

    public string Line(int epochs) =>
        $"epoch {Epoch}/{epochs}  train loss {TrainLoss:F5}  test loss {TestLoss:F5}  {Test.Summary}  {ImagesPerSecond:F0} images/s  {Seconds:F1} s";

    private static string F(double v) => v.ToString("G7", CultureInfo.InvariantCulture);
}
