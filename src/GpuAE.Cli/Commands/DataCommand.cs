using CommandLine;
using GpuAE.Data;

namespace GpuAE.Cli.Commands;

[Verb("fetch", HelpText = "Download MNIST / Fashion-MNIST as verified gzipped IDX files.")]
public sealed class DataFetchOptions : ICommand
{
    [Option("dataset", Default = "all", HelpText = "mnist | fashion-mnist | all")]
    public string Dataset { get; set; } = "all";

    [Option("dir", Default = "data", HelpText = "folder to write <dataset>/*.gz into")]
    public string Dir { get; set; } = "data";

    public int Run()
    {
        if (Dataset is not ("mnist" or "fashion-mnist" or "all"))
            throw new UsageException($"--dataset: unknown dataset '{Dataset}' (use mnist, fashion-mnist or all)");
        DatasetFetcher.Fetch(Dataset, Dir, Output.ProgressDisplay.Console.WriteLine, Output.ProgressDisplay.Console.Update);
        return 0;
    }
}
