using System.Globalization;
using System.Text;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Plots;

namespace GpuAE.Metrics;

/// <summary>
/// A denoiser's PSNR and SSIM per class (the mean over the class's test images) beside the mean
/// over all images: which kinds of image it cleans well and which it blurs. per-class.csv:
/// class,name,count,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised, then a row "all";
/// per-class-psnr.png/.svg draws the PSNRs.
/// </summary>
public sealed record PerClassQuality(IReadOnlyList<PerClassQuality.ClassRow> Classes, PerClassQuality.ClassRow All)
{
    public sealed record ClassRow(int Class, string Name, int Count, double PsnrNoisy, double PsnrDenoised, double SsimNoisy, double SsimDenoised);

    public const string FileName = "per-class.csv";

    public static PerClassQuality Measure(Accelerator acc, Network denoiser, Dataset data, NoiseSpec noise, ulong seed)
    {
        using var loss = Loss.Create(LossKind.Mse);
        loss.Build(acc, denoiser);
        using var evaluator = new Evaluator(acc, denoiser, loss);
        using var feeder = new BatchFeeder(acc, data, denoiser.MaxBatch);
        using var measure = new PerClassMeasure(acc, denoiser.MaxBatch);
        return evaluator.Evaluate(data, noise, seed, feeder, measure);
    }

    public void Write(string folder)
    {
        var csv = new StringBuilder("class,name,count,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised\n");
        foreach (var r in Classes.Append(All))
            csv.Append(CultureInfo.InvariantCulture, $"{(r == All ? "all" : r.Class)},{CsvField.Quoted(r.Name)},{r.Count},{r.PsnrNoisy:G6},{r.PsnrDenoised:G6},{r.SsimNoisy:G6},{r.SsimDenoised:G6}\n");
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), csv.ToString());
        new BarChart(Classes.Select(r => r.Name).ToList()) { Title = "PSNR per class (test images)", YLabel = "PSNR (dB)", ShowValues = true, ValueFormat = "0.0" }
            .AddSeries("noisy", Classes.Select(r => r.PsnrNoisy).ToList())
            .AddSeries("denoised", Classes.Select(r => r.PsnrDenoised).ToList())
            .Save(Path.Combine(folder, "per-class-psnr"));
    }

    /// <summary>Each image's noisy and denoised MSE (as PSNR) and SSIM, summed per label.</summary>
    private sealed class PerClassMeasure(Accelerator acc, int maxBatch) : IBatchMeasure<PerClassQuality>, IDisposable
    {
        private readonly DeviceBuffer _mse = acc.Allocate(maxBatch), _ssim = acc.Allocate(maxBatch);
        private readonly float[] _hostMse = new float[maxBatch], _hostSsim = new float[maxBatch];
        // One row per class of the data, then the row of all images (index ClassCount).
        private double[,] _sums = new double[0, 4];
        private int[] _counts = [];
        private Dataset _data = null!;

        public bool NeedsNoisyCopy => true;

        public void Begin(Dataset data)
        {
            _data = data;
            _sums = new double[data.ClassCount + 1, 4];
            _counts = new int[data.ClassCount + 1];
        }

        public void Add(EvaluatedBatch b)
        {
            Accumulate(b, b.Input, 0);
            Accumulate(b, b.Output, 1);
            for (int i = 0; i < b.Rows; i++)
                foreach (int row in new[] { (int)_data.Labels[b.Start + i], _data.ClassCount }) _counts[row]++;
        }

        /// <summary>Adds the PSNR and SSIM of <paramref name="images"/> against the clean batch into columns <paramref name="column"/> (noisy 0, denoised 1).</summary>
        private void Accumulate(EvaluatedBatch b, DeviceBuffer images, int column)
        {
            acc.ImageQuality(b.Clean, images, b.Rows, b.Height, b.Width, _mse, _ssim);
            acc.Download(_mse, _hostMse.AsSpan(0, b.Rows));
            acc.Download(_ssim, _hostSsim.AsSpan(0, b.Rows));
            for (int i = 0; i < b.Rows; i++)
                foreach (int row in new[] { (int)_data.Labels[b.Start + i], _data.ClassCount })
                {
                    _sums[row, column] += Evaluation.Psnr(_hostMse[i]);
                    _sums[row, 2 + column] += _hostSsim[i];
                }
        }

        public PerClassQuality End(int images, double loss, NoiseSpec noise)
        {
            ClassRow Row(int c, string name)
            {
                double n = Math.Max(1, _counts[c]);
                return new ClassRow(c, name, _counts[c], _sums[c, 0] / n, _sums[c, 1] / n, _sums[c, 2] / n, _sums[c, 3] / n);
            }
            var classes = Enumerable.Range(0, _data.ClassCount).Where(c => _counts[c] > 0).Select(c => Row(c, _data.ClassNames[c])).ToList();
            return new PerClassQuality(classes, Row(_data.ClassCount, "all"));
        }

        public void Dispose()
        {
            _mse.Dispose();
            _ssim.Dispose();
        }
    }
}
