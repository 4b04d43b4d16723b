using CommandLine;
using GpuAE.Checkpoints;
using GpuAE.Denoising;
using GpuAE.Noise;

namespace GpuAE.Cli.Commands;

[Verb("denoise", HelpText = "Denoise your own images with a checkpoint: a PNG, JPEG, BMP, GIF, WebP or PGM file, a folder of them, or an IDX image file (raw or .gz). "
    + "Images of another size are resized to the model's 28x28 input and the result resized back (fully convolutional tiling is not implemented).")]
public sealed class DenoiseOptions : DeviceOptions, ICommand
{
    [Option("checkpoint", Required = true, HelpText = "model.gae from a training run")]
    public string CheckpointPath { get; set; } = "";

    [Option("input", Required = true, HelpText = "an image (PNG of any depth, gray or colour; JPEG, BMP, GIF, WebP; PGM), read as gray, a folder of them, or an IDX image file (raw or .gz). Images that are not the model's 28x28 are resized to it (area averaging) and the result back (bilinear); fully convolutional tiling is not implemented")]
    public string Input { get; set; } = "";

    [Option("output", Required = true, HelpText = "file (.png or .pgm) for a file input; folder for a folder input; IDX file (.gz: gzipped) for an IDX input")]
    public string Output { get; set; } = "";

    [Option("noise", Default = "none", HelpText = "corrupt the inputs first (e.g. mask:0.3) and also write name.noisy.png beside each output")]
    public string Noise { get; set; } = "none";

    [Option("seed", Default = 1UL, HelpText = "noise seed")] public ulong Seed { get; set; } = 1;
    [Option("batch", Default = 256, HelpText = "images per forward pass")] public int Batch { get; set; } = 256;

    public int Run()
    {
        var noise = NoiseSpec.Parse(Noise);
        if (Batch <= 0) throw new UsageException($"--batch must be positive, got {Batch}");
        Checkpoint.ReadConfig(CheckpointPath); // a bad checkpoint fails before the device opens
        if (Checkpoint.ReadTrainingData(CheckpointPath) is { } training) Console.WriteLine($"{Path.GetFileName(CheckpointPath)} was trained on {training.Describe()}");
        if (!File.Exists(Input) && !Directory.Exists(Input)) throw new UsageException($"--input '{Input}' not found");
        using var acc = OpenAccelerator();
        using var denoiser = Denoiser.Load(CheckpointPath, acc, Batch);
        Console.WriteLine($"denoising with {denoiser.Name} ({denoiser.Width}x{denoiser.Height} input), noise {noise}, device {acc}");
        var summary = new DenoiseJob(denoiser, noise, Seed, Console.Out, Console.Error).Run(Input, Output);
        if (summary.Written == 0) throw new UsageException($"no image in '{Input}' could be denoised ({summary.Skipped} skipped)");
        return 0;
    }
}
