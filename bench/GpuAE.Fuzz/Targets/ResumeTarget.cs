using System.Text.Json.Nodes;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// resume.gae, read as `train --resume` reads it: the state file, the run's options and
/// records, then the network (built from those options) and the optimizer's moments restored.
/// Mutations as for checkpoints (<see cref="FramedFile"/>): bytes, header fields, the JSON header.
/// </summary>
public sealed class ResumeTarget : FuzzTarget
{
    public override string Name => "resume";

    public override IReadOnlyList<Seed> Seeds()
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-fuzz-seed-").FullName;
        using var acc = new CpuAccelerator();
        var options = new TrainingOptions { Model = "dense", Hidden = 16, Optimizer = OptimizerKind.Adam, LearningRate = 0.001f, Epochs = 3, Batch = 8 };
        using var network = ModelCatalog.Create(new ModelConfig { Name = "dense", Hidden = 16 });
        network.Build(acc, new TensorShape(1, 28, 28), 8, options.Seed);
        using var optimizer = options.OptimizerSpec.Create();
        optimizer.Step(acc, network.Parameters); // allocates the moments, as a trained run has them
        var record = new EpochRecord<Evaluation>(1, 0.31, new Evaluation(100, "mask:0.2", 0.29, 0.04, 0.01, 14.7, 20.1, 0.55, 0.8), 2.5, 400);
        ResumeState.Save(dir, Trainer.ResumeHeader(options, ModelTask.Autoencoder), new FitState<Evaluation>(1, [record], 0.31, 2.5), network, optimizer);
        var bytes = File.ReadAllBytes(ResumeState.PathIn(dir));
        Directory.Delete(dir, recursive: true);
        return [new(ResumeState.FileName, bytes)];
    }

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all) => FramedFile.Mutate(seed, r, all);

    public override void Read(string folder, Seed seed, byte[] input)
    {
        File.WriteAllBytes(Path.Combine(folder, seed.Name), input);
        var state = ResumeState.Load(folder);
        var options = Trainer.ResumedOptions(state).Validated();
        _ = state.Records<Evaluation>();
        using var acc = new CpuAccelerator();
        using var network = ModelCatalog.Create(new ModelConfig { Name = options.Model, Hidden = options.Hidden, Latent = options.Latent });
        network.Build(acc, new TensorShape(1, 28, 28), Math.Max(1, Math.Min(options.Batch, 64)), options.Seed);
        using var optimizer = options.OptimizerSpec.Create();
        state.RestoreInto(acc, network, optimizer);
    }
}
