using GpuAE.Compute.Cpu;
using GpuAE.Denoising;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Noise;

namespace GpuAE.Tests.Denoising;

/// <summary>A fresh small dense checkpoint (untrained weights: the tests check plumbing, not quality) and a temp folder.</summary>
internal sealed class DenoiseFixture : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("gpuae-denoise-").FullName;
    public string Checkpoint { get; }
    public CpuAccelerator Accelerator { get; } = new();

    public DenoiseFixture()
    {
        var config = new ModelConfig { Name = "dense", Hidden = 16 };
        using var network = ModelCatalog.Create(config);
        network.Build(Accelerator, new TensorShape(1, 28, 28), 4, seed: 5);
        Checkpoint = Path.Combine(Dir, "model.gae");
        GpuAE.Checkpoints.Checkpoint.Save(Checkpoint, config, network);
    }

    public string PathOf(params string[] parts) => Path.Combine([Dir, .. parts]);

    /// <summary>Runs a job with a batch of 4 (so several batches run), capturing its console lines.</summary>
    public (DenoiseSummary Summary, string Log, string Warnings) Run(string input, string output, string noise = "none")
    {
        using var denoiser = Denoiser.Load(Checkpoint, Accelerator, maxBatch: 4);
        var log = new StringWriter();
        var warnings = new StringWriter();
        var summary = new DenoiseJob(denoiser, NoiseSpec.Parse(noise), 1, log, warnings).Run(input, output);
        return (summary, log.ToString(), warnings.ToString());
    }

    public void Dispose()
    {
        Accelerator.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
