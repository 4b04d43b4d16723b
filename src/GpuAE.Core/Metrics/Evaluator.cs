using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;

namespace GpuAE.Metrics;

/// <summary>
/// Runs a trained denoiser over a split: corrupts each batch on the device, denoises it, and
/// computes per-image MSE and SSIM on the device; only those per-image numbers come back.
/// The evaluation noise uses a fixed epoch counter and the images' dataset indices, so every
/// evaluation of a split with the same seed sees the same noisy images.
/// </summary>
public sealed class Evaluator : IDisposable
{
    public const uint EvaluationEpoch = 0xFFFFFFFFu;

    private readonly Accelerator _acc;
    private readonly Network _network;
    private readonly Loss _loss;
    private readonly DeviceBuffer _noisy, _mse, _ssim;
    private readonly DeviceLossTotal _lossTotal;
    private readonly float[] _hostMse, _hostSsim;
    private readonly int _maxBatch;

    public Evaluator(Accelerator accelerator, Network network, Loss loss)
    {
        _acc = accelerator;
        _network = network;
        _loss = loss;
        _maxBatch = network.MaxBatch;
        _noisy = accelerator.Allocate(_maxBatch * network.InputShape.Size);
        _mse = accelerator.Allocate(_maxBatch * 2);
        _ssim = accelerator.Allocate(_maxBatch * 2);
        _lossTotal = new DeviceLossTotal(accelerator);
        _hostMse = new float[_maxBatch * 2];
        _hostSsim = new float[_maxBatch * 2];
    }

    public Evaluation Evaluate(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder)
    {
        int h = data.Height, w = data.Width;
        double mseN = 0, mseD = 0, psnrN = 0, psnrD = 0, ssimN = 0, ssimD = 0;
        _lossTotal.Reset();
        for (int start = 0, batch = 0; start < data.Count; start += _maxBatch, batch++)
        {
            int rows = feeder.LoadRange(start, Math.Min(_maxBatch, data.Count - start));
            var clean = feeder.Images;
            _acc.ApplyNoise(clean, _noisy, rows, h, w, noise.Resolve(seed, EvaluationEpoch, (uint)batch), seed, EvaluationEpoch, (uint)start);
            var output = _network.Forward(_noisy, rows, training: false);
            _loss.Compute(_network, clean, rows);
            _lossTotal.Add(_loss.RowLoss, rows);
            _acc.ImageQuality(clean, _noisy, rows, h, w, _mse, _ssim);
            _acc.Download(_mse, _hostMse.AsSpan(0, rows));
            _acc.Download(_ssim, _hostSsim.AsSpan(0, rows));
            Add(rows, ref mseN, ref psnrN, ref ssimN);
            _acc.ImageQuality(clean, output, rows, h, w, _mse, _ssim);
            _acc.Download(_mse, _hostMse.AsSpan(0, rows));
            _acc.Download(_ssim, _hostSsim.AsSpan(0, rows));
            Add(rows, ref mseD, ref psnrD, ref ssimD);
        }
        double total = _lossTotal.Peek();
        int n = data.Count;
        double loss = total / ((double)n * _loss.TermsPerSample(_network));
        return new Evaluation(n, noise.ToString(), loss, mseN / n, mseD / n, psnrN / n, psnrD / n, ssimN / n, ssimD / n);
    }

    private void Add(int rows, ref double mse, ref double psnr, ref double ssim)
    {
        for (int i = 0; i < rows; i++)
        {
            mse += _hostMse[i];
            psnr += Evaluation.Psnr(_hostMse[i]);
            ssim += _hostSsim[i];
        }
    }

    /// <summary>Clean, noisy and denoised versions of the first `count` images, for sample grids.</summary>
    public (float[] Clean, float[] Noisy, float[] Denoised) Samples(Dataset data, NoiseSpec noise, ulong seed, BatchFeeder feeder, int count)
    {
        int rows = feeder.LoadRange(0, Math.Min(count, Math.Min(_maxBatch, data.Count)));
        int pixels = data.Height * data.Width;
        _acc.ApplyNoise(feeder.Images, _noisy, rows, data.Height, data.Width, noise.Resolve(seed, EvaluationEpoch, 0), seed, EvaluationEpoch, 0);
        var output = _network.Forward(_noisy, rows, training: false);
        var clean = new float[rows * pixels];
        var noisy = new float[rows * pixels];
        var denoised = new float[rows * pixels];
        _acc.Download(feeder.Images, clean);
        _acc.Download(_noisy, noisy);
        _acc.Download(output, denoised);
        return (clean, noisy, denoised);
    }

    public void Dispose()
    {
        _noisy.Dispose(); _mse.Dispose(); _ssim.Dispose(); _lossTotal.Dispose();
    }
}
