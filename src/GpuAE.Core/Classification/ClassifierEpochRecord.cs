using System.Globalization;

namespace GpuAE.Classification;

/// <summary>One row of a classifier run's metrics.csv.</summary>
public sealed record ClassifierEpochRecord(int Epoch, double TrainLoss, double TestLoss, double TestAccuracy, double Seconds, double ImagesPerSecond)
{
    public const string CsvHeader = "epoch,train_loss,test_loss,test_accuracy,seconds,images_per_s";

    public string ToCsv() => string.Join(",", Epoch.ToString(CultureInfo.InvariantCulture),
        F(TrainLoss), F(TestLoss), F(TestAccuracy), F(Seconds), F(ImagesPerSecond));

    /// <summary>The console line for this epoch.</summary>
    public string Line(int epochs) =>
        $"epoch {Epoch}/{epochs}  train loss {TrainLoss:F4}  test loss {TestLoss:F4}  test accuracy {TestAccuracy:P2}  {ImagesPerSecond:F0} images/s  {Seconds:F1} s";

    private static string F(double v) => v.ToString("G7", CultureInfo.InvariantCulture);
}
