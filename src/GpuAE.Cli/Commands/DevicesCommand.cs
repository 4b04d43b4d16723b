using CommandLine;
using GpuAE.Compute;

namespace GpuAE.Cli.Commands;

[Verb("devices", HelpText = "List every accelerator found and the one `--device auto` picks.")]
public sealed class DevicesOptions : ICommand
{
    public int Run()
    {
        var context = new ComputeContext();
        var auto = context.AutoDevice;
        Console.WriteLine($"{"device",-10} {"runtime",-22} {"memory",10} {"units",6}  name");
        foreach (var d in context.Devices)
        {
            string mark = d == auto ? "  <- auto" : "";
            Console.WriteLine($"{d.Spec,-10} {d.Runtime,-22} {d.MemoryBytes / (1024.0 * 1024 * 1024),7:F1} GiB {d.ComputeUnits,6}  {d.Name} [{d.Details}]{mark}");
        }
        foreach (var note in context.RuntimeNotes) Console.WriteLine($"note: {note}");
        return 0;
    }
}

[Verb("models", HelpText = "List the models `--model` accepts: what each is, its training recipe (the defaults `gpuae train` uses) and its layer table.")]
public sealed class ModelsOptions : ICommand
{
    [Option("brief", HelpText = "leave out the layer tables")]
    public bool Brief { get; set; }

    public int Run()
    {
        using var acc = new GpuAE.Compute.Cpu.CpuAccelerator();
        foreach (var entry in GpuAE.Models.ModelCatalog.All)
        {
            var recipe = GpuAE.Models.ModelRecipes.For(entry.Name);
            Console.WriteLine($"{entry.Name} ({(entry.IsClassifier ? "classifier" : "denoising autoencoder")}): {entry.Description}");
            Console.WriteLine($"  recipe ({recipe.Source}): {recipe.Summary}");
            if (recipe.Note.Length > 0) Console.WriteLine($"    {recipe.Note}");
            if (!Brief)
            {
                using var network = GpuAE.Models.ModelCatalog.Create(new GpuAE.Models.ModelConfig { Name = entry.Name });
                network.Build(acc, new GpuAE.Layers.TensorShape(1, 28, 28), 1, 1);
                foreach (var line in network.Describe()) Console.WriteLine("  " + line);
            }
            Console.WriteLine();
        }
        Console.WriteLine("Options given to `gpuae train` override the recipe; `gpuae train` prints which values came from it.");
        return 0;
    }
}
