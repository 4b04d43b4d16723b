using CommandLine;
using GpuAE.Checkpoints;
using GpuAE.Losses;
using GpuAE.Models;

namespace GpuAE.Cli.Commands;

[Verb("export", HelpText = "Write a checkpoint's weights as a safetensors file for PyTorch and other tools (float32; the model config in its metadata). bench/safetensors_torch.py rebuilds every catalog model in PyTorch from it.")]
public sealed class ExportOptions : ICommand
{
    [Option("checkpoint", Required = true, HelpText = "model.gae to export")] public string CheckpointPath { get; set; } = "";
    [Option("out", Required = true, HelpText = "the .safetensors file to write")] public string Out { get; set; } = "";

    public int Run()
    {
        if (!Out.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out '{Out}': the file name must end in .safetensors");
        var (config, tensors, hasTraining) = SafetensorsExchange.Export(CheckpointPath, Out);
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}: {config.Name}, {Text.Plural.Of(tensors, "tensor")} (float32), the model config{(hasTraining ? " and its training data" : "")} in __metadata__");
        return 0;
    }
}

[Verb("import", HelpText = "Turn a safetensors file (from `gpuae export`, or PyTorch with the same tensor names) into a checkpoint; every tensor is checked against the model.")]
public sealed class ImportOptions : ICommand
{
    [Option("safetensors", Required = true, HelpText = "the .safetensors file to read")] public string Input { get; set; } = "";
    [Option("out", Required = true, HelpText = "the model.gae to write")] public string Out { get; set; } = "";
    [Option("model", HelpText = "the catalog model the weights belong to (default: the file's gpuae.model metadata)")] public string? Model { get; set; }
    [Option("hidden", Default = 1000, HelpText = "with --model: hidden units of the dense model")] public int Hidden { get; set; } = 1000;
    [Option("latent", Default = 4, HelpText = "with --model: latent vector length of the conv-linear model")] public int Latent { get; set; } = 4;
    [Option("classes", Default = 10, HelpText = "with --model: classes of a classifier")] public int Classes { get; set; } = 10;
    [Option("layers", HelpText = "with --model stacked: widths of the sigmoid layers (default: 500,300,100)")] public string? Layers { get; set; }
    [Option("image-size", Default = 28, HelpText = "with --model: side of the square images the model takes")] public int ImageSize { get; set; } = 28;

    public int Run()
    {
        var config = Model is null ? null : Config();
        if (Model is null && Layers is not null) throw new UsageException("--layers goes with --model stacked");
        var r = SafetensorsExchange.Import(Input, config, Out);
        Console.WriteLine($"{Text.Plural.Of(r.Tensors, "tensor")} of {r.Config.Name} ({r.Config.InputWidth}x{r.Config.InputHeight} inputs) " +
            $"{(r.ConfigFromFile ? "as the file's metadata describes it" : "as --model describes it")}" +
            (r.Skipped > 0 ? $"; skipped {Text.Plural.Of(r.Skipped, "PyTorch BatchNorm counter")} (num_batches_tracked)" : ""));
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}");
        return 0;
    }

    private ModelConfig Config()
    {
        var entry = ModelCatalog.Find(Model!);
        if (ImageSize is <= 0 or > 4096) throw new UsageException($"--image-size must be 1..4096, got {ImageSize}");
        if (Classes <= 0) throw new UsageException($"--classes must be positive, got {Classes}");
        return new ModelConfig
        {
            Name = entry.Name, Hidden = Hidden, Latent = Latent, Classes = Classes, InputHeight = ImageSize, InputWidth = ImageSize,
            Loss = ModelRecipes.For(entry.Name).Loss.Name(),
            Units = Layers is null ? null : StackedOptionsCommand.ParseLayers(Layers),
        };
    }
}
