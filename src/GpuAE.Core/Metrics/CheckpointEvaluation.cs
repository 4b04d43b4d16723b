using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Metrics;

/// <summary>Loads a checkpoint and evaluates it on a split at one or more noises (gpuae eval, sweep cells).</summary>
public static class CheckpointEvaluation
{
    public static (ModelConfig Config, List<Evaluation> Results) Run(Accelerator acc, string checkpoint, Dataset test,
        IEnumerable<NoiseSpec> noises, ulong seed, int maxBatch)
    {
        var (config, network) = Checkpoint.Load(checkpoint, acc, Math.Min(maxBatch, test.Count));
        using (network)
        using (var loss = Loss.Create(config.Loss))
        {
            loss.Build(acc, network);
            using var evaluator = new Evaluator(acc, network, loss);
            using var feeder = new BatchFeeder(acc, test, network.MaxBatch);
            return (config, noises.Select(noise => evaluator.Evaluate(test, noise, seed, feeder)).ToList());
        }
    }
}
