using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Noise;

namespace GpuAE.Metrics;

/// <summary>
/// A denoiser's image quality over a split: per batch the device computes each image's MSE and
/// SSIM of the noisy input and of the output against the clean images, adds the SSIMs into
/// device totals and keeps the per-image MSEs in device buffers the length of the split (PSNR is
/// a per-image log of them). The host reads the totals and the MSEs once, at the end, plus the
/// first images' outputs once, to see whether the output collapsed to a constant.
/// </summary>
public sealed class ReconstructionMeasure(Accelerator acc, int maxBatch) : IBatchMeasure<Evaluation>, IDisposable
{
    private const int SpreadImages = 16;
    private readonly DeviceBuffer _mse = acc.Allocate(maxBatch), _ssim = acc.Allocate(maxBatch), _ssimTotals = acc.Allocate(2);
    private readonly float[] _totals = new float[2];
    private DeviceBuffer? _mseNoisy, _mseDenoised;
    private float[] _hostNoisy = [], _hostDenoised = [];
    private double _spread;

    public bool NeedsNoisyCopy => true;

    public void Begin(Dataset data)
    {
        int images = data.Count;
        if (_hostNoisy.Length < images)
        {
            _mseNoisy?.Dispose();
            _mseDenoised?.Dispose();
            _mseNoisy = acc.Allocate(Math.Max(1, images));
            _mseDenoised = acc.Allocate(Math.Max(1, images));
            _hostNoisy = new float[images];
            _hostDenoised = new float[images];
        }
        acc.Fill(_ssimTotals, 2, 0f);
        _spread = double.NaN;
    }

    public void Add(EvaluatedBatch b)
    {
        Quality(b, b.Input, _mseNoisy!, 0);
        Quality(b, b.Output, _mseDenoised!, 1);
        if (b.Start == 0) _spread = Spread(b);
    }

    private void Quality(EvaluatedBatch b, DeviceBuffer test, DeviceBuffer perImage, int total)
    {
        acc.ImageQuality(b.Clean, test, b.Rows, b.Height, b.Width, _mse, _ssim);
        acc.Copy(_mse, 0, perImage, b.Start, b.Rows);
        acc.AccumulateSum(_ssim, b.Rows, _ssimTotals, total);
    }

    /// <summary>Largest minus smallest value of the first images' outputs.</summary>
    private double Spread(EvaluatedBatch b)
    {
        var host = new float[Math.Min(b.Rows, SpreadImages) * b.Height * b.Width];
        acc.Download(b.Output, host);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in host) { min = MathF.Min(min, v); max = MathF.Max(max, v); }
        return float.IsFinite(min) && float.IsFinite(max) ? max - min : double.NaN;
    }

    public Evaluation End(int n, double loss, NoiseSpec noise)
    {
        if (n == 0) return new Evaluation(0, noise.ToString(), loss, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        acc.Download(_ssimTotals, _totals);
        acc.Download(_mseNoisy!, _hostNoisy.AsSpan(0, n));
        acc.Download(_mseDenoised!, _hostDenoised.AsSpan(0, n));
        var (mseN, psnrN) = Means(_hostNoisy.AsSpan(0, n));
        var (mseD, psnrD) = Means(_hostDenoised.AsSpan(0, n));
        return new Evaluation(n, noise.ToString(), loss, mseN, mseD, psnrN, psnrD, _totals[0] / n, _totals[1] / n) { OutputSpread = _spread };
    }

    /// <summary>Mean MSE and mean per-image PSNR.</summary>
    private static (double Mse, double Psnr) Means(ReadOnlySpan<float> mse)
    {
        double sum = 0, psnr = 0;
        foreach (float m in mse) { sum += m; psnr += Evaluation.Psnr(m); }
        return (sum / mse.Length, psnr / mse.Length);
    }

    public void Dispose()
    {
        _mse.Dispose(); _ssim.Dispose(); _ssimTotals.Dispose();
        _mseNoisy?.Dispose(); _mseDenoised?.Dispose();
    }
}
