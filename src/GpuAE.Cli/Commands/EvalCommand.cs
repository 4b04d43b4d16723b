using CommandLine;
using GpuAE.Checkpoints;
using GpuAE.Losses;
using GpuAE.Metrics;
using GpuAE.Noise;
using GpuAE.Training;

namespace GpuAE.Cli.Commands;

[Verb("eval", HelpText = "Evaluate a checkpoint's denoising on a test split.")]
public sealed class EvalOptions : DatasetOptions, ICommand
{
    [Option("checkpoint", Required = true, HelpText = "model.gae from a training run")]
    public string CheckpointPath { get; set; } = "";

    [Option("noise", HelpText = "noise applied to the clean test images (default: the checkpoint's training noise; mask:0.2 if it records none)")]
    public string? Noise { get; set; }

    [Option("batch", Default = 256, HelpText = "images per forward pass")] public int Batch { get; set; } = 256;
    [Option("seed", Default = 1UL, HelpText = "noise seed (train uses its --seed)")] public ulong Seed { get; set; } = 1;

    public int Run()
    {
        if (Noise is not null) NoiseSpec.Parse(Noise);
        if (Batch <= 0) throw new UsageException($"--batch must be positive, got {Batch}");
        Classification.TaskCheckpoint.ReadConfig(CheckpointPath, Models.ModelTask.Autoencoder, "--checkpoint"); // fail on a bad or wrong-task checkpoint before reading data
        var training = Checkpoint.ReadTrainingData(CheckpointPath);
        var noise = TrainingNoise(Noise, training);
        UseCheckpointData(CheckpointPath, training);
        var test = LoadSplit("test");
        using var acc = OpenAccelerator();
        var (config, results) = CheckpointEvaluation.Run(acc, CheckpointPath, test, [noise], Seed, Batch);
        Print(results[0], config.Name, DatasetName, acc.ToString());
        return 0;
    }

    /// <summary>--noise, else the checkpoint's training noise (said in a line), else mask:0.2.</summary>
    public static NoiseSpec TrainingNoise(string? noise, TrainingData? training)
    {
        if (noise is not null) return NoiseSpec.Parse(noise);
        if (training is null) return NoiseSpec.Parse("mask:0.2");
        var spec = NoiseSpec.Parse(training.Noise);
        Console.WriteLine($"noise: {spec}, the checkpoint's training noise (--noise to change)");
        return spec;
    }

    public static void Print(Evaluation e, string model, string dataset, string device)
    {
        Console.WriteLine($"{model} on {dataset} test ({e.Images} images), noise {e.Noise}, device {device}");
        Console.WriteLine($"{"metric",-10} {"noisy",10} {"denoised",10}");
        Console.WriteLine($"{"MSE",-10} {e.MseNoisy,10:F5} {e.MseDenoised,10:F5}");
        Console.WriteLine($"{"PSNR (dB)",-10} {e.PsnrNoisy,10:F2} {e.PsnrDenoised,10:F2}");
        Console.WriteLine($"{"SSIM",-10} {e.SsimNoisy,10:F4} {e.SsimDenoised,10:F4}");
        Console.WriteLine($"{"loss",-10} {"",10} {e.Loss,10:F5}");
    }
}
