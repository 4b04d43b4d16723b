namespace GpuAE.Metrics;

/// <summary>
/// What an evaluation of a trained network on a split measured: a denoiser's image quality
/// (<see cref="Evaluation"/>) or a classifier's confusion matrix (<see cref="ClassificationResult"/>).
/// A metrics.csv row is epoch, train_loss, test_loss, then <see cref="CsvColumns"/>, then seconds
/// and images_per_s.
/// </summary>
public interface ITestResult
{
    int Images { get; }
    double Loss { get; }

    /// <summary>The metrics.csv columns this result adds after test_loss, comma-separated.</summary>
    static abstract string CsvColumns { get; }

    /// <summary>The values of <see cref="CsvColumns"/>.</summary>
    IEnumerable<double> CsvValues { get; }

    /// <summary>The console's words for it ("test MSE 0.01  PSNR 14.71 -> 21.02 dB ...").</summary>
    string Summary { get; }

    /// <summary>One line when the network's output collapsed to a constant (a black image, one class for everything), else null.</summary>
    string? Collapse { get; }
}
