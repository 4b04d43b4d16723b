using GpuAE.Training;

namespace GpuAE.Cli.Commands;

/// <summary>
/// Progress on the console: a live, rewritten line (images/s, running loss, ETA) on a terminal;
/// one plain line per epoch when the output is a file or pipe.
/// </summary>
public sealed class ConsoleObserver : ITrainingObserver
{
    private readonly bool _live = !Console.IsOutputRedirected;
    private int _lineLength;

    public void OnProgress(int epoch, int epochs, int imagesDone, int imagesTotal, double runningLoss, double imagesPerSecond, TimeSpan eta)
    {
        if (!_live) return;
        string line = $"epoch {epoch}/{epochs}  {imagesDone,6}/{imagesTotal} images  loss {runningLoss:F5}  {imagesPerSecond,8:F0} images/s  ETA {eta:hh\\:mm\\:ss}";
        Console.Write("\r" + line.PadRight(_lineLength));
        _lineLength = line.Length;
    }

    public void OnEpoch(EpochRecord r, int epochs)
    {
        ClearLiveLine();
        Console.WriteLine($"epoch {r.Epoch}/{epochs}  train loss {r.TrainLoss:F5}  test loss {r.TestLoss:F5}  test MSE {r.TestMse:F5}  " +
            $"PSNR {r.PsnrNoisy:F2} -> {r.PsnrDenoised:F2} dB  SSIM {r.SsimNoisy:F3} -> {r.SsimDenoised:F3}  {r.ImagesPerSecond:F0} images/s  {r.Seconds:F1} s");
    }

    public void OnClassifierEpoch(Classification.ClassifierEpochRecord r, int epochs)
    {
        ClearLiveLine();
        Console.WriteLine(r.Line(epochs));
    }

    public void OnMessage(string line) => Console.WriteLine(line);

    private void ClearLiveLine()
    {
        if (_live && _lineLength > 0) { Console.Write("\r" + new string(' ', _lineLength) + "\r"); _lineLength = 0; }
    }
}
