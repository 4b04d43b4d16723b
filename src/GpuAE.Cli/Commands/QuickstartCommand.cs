using CommandLine;
using GpuAE.Data;

namespace GpuAE.Cli.Commands;

/// <summary>
/// The README's first command: fetch Fashion-MNIST if it is missing, train the dense denoising
/// autoencoder briefly on the best available device, and say where the outputs are (and, while
/// MNIST is missing, how to fetch it too).
/// </summary>
[Verb("quickstart", HelpText = "Fetch data if missing, train the dense DAE briefly on the best device, write runs/quickstart.")]
public sealed class QuickstartOptions : ICommand
{
    [Option("device", Default = "auto", HelpText = "auto | cpu | opencl[:N] | cuda[:N]")] public string Device { get; set; } = "auto";
    [Option("epochs", Default = 3, HelpText = "passes over the training split")] public int Epochs { get; set; } = 3;
    [Option("out", Default = "runs/quickstart", HelpText = "run folder to write")] public string Out { get; set; } = "runs/quickstart";
    [Option("data-dir", Default = "data", HelpText = "folder the datasets are fetched into and read from")] public string DataDir { get; set; } = "data";

    public int Run()
    {
        DatasetFetcher.Fetch("fashion-mnist", DataDir, Output.ProgressDisplay.Console.WriteLine, Output.ProgressDisplay.Console.Update);
        var train = new TrainOptions
        {
            Model = "dense", Dataset = "fashion-mnist", Noise = "mask:0.2", Epochs = Epochs, Batch = 128,
            Optimizer = "sgd", LearningRate = 0.1f, Hidden = 1000, Device = Device, Out = Out, DataDir = DataDir,
        };
        int code = train.Run();
        if (code == 0 && IdxFileNames.All.Any(name => DatasetStore.FindIdxFile(DatasetStore.DatasetDirectory(DataDir, KnownDatasets.Mnist), name) is null))
            Console.WriteLine($"MNIST is not fetched yet (conv-mnist's recipe, the classifier experiments and `gpuae reproduce` use it): {DatasetStore.FetchCommand(KnownDatasets.Mnist)}" +
                (DataDir == DatasetStore.DefaultDataDir ? "" : $" --dir {DataDir}"));
        return code;
    }
}
