using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;

namespace GpuAE.Metrics;

/// <summary>
/// Loads a checkpoint and evaluates it on a split at one or more noises (gpuae eval, sweep cells);
/// optionally writes a reconstruction gallery: the first test images clean, then noisy and denoised
/// at each noise (<see cref="Plots.SampleRows"/>).
/// </summary>
public static class CheckpointEvaluation
{
    public const int GalleryImages = 8;

    public static (ModelConfig Config, List<Evaluation> Results) Run(Accelerator acc, string checkpoint, Dataset test,
        IEnumerable<NoiseSpec> noises, ulong seed, int maxBatch, string? galleryPath = null)
    {
        var (config, network) = Checkpoint.Load(checkpoint, acc, Math.Min(maxBatch, test.Count), new Layers.TensorShape(1, test.Height, test.Width));
        using (network)
        using (var loss = Loss.Create(config.Loss))
        {
            loss.Build(acc, network);
            using var evaluator = new Evaluator(acc, network, loss);
            using var feeder = new BatchFeeder(acc, test, network.MaxBatch);
            var list = noises.ToList();
            var results = list.Select(noise => evaluator.Denoising(test, noise, seed, feeder)).ToList();
            if (galleryPath is not null && list.Count > 0) WriteGallery(galleryPath, evaluator, feeder, test, list, seed);
            return (config, results);
        }
    }

    private static void WriteGallery(string path, Evaluator evaluator, BatchFeeder feeder, Dataset test, List<NoiseSpec> noises, ulong seed)
    {
        var samples = noises.Select(noise => (Noise: noise, Images: evaluator.Samples(test, noise, seed, feeder, GalleryImages))).ToList();
        var clean = samples[0].Images.Clean;
        Plots.SampleRows.Grid(test.Width, test.Height, clean, clean.Length / (test.Width * test.Height),
            samples.Select(s => ($"noisy {s.Noise}", s.Images.Noisy, "denoised", s.Images.Denoised))).Save(path);
    }
}
