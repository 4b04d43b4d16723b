using System.Reflection;
using CommandLine;
using GpuAE.Cli.Commands;

namespace GpuAE.Cli.Output;

/// <summary>Verbs of one level: the top level (Name null) or a group such as `bench` whose verbs follow its name.</summary>
public sealed record CommandGroup(string? Name, string Description, IReadOnlyList<Type> Verbs)
{
    /// <summary>The verb a group runs when no verb follows its name (`gpuae sweep --grid ...` is `gpuae sweep run`).</summary>
    public Type? Default => Verbs.FirstOrDefault(v => v.GetCustomAttribute<VerbAttribute>()!.IsDefault);

    public static string VerbName(Type verb) => verb.GetCustomAttribute<VerbAttribute>()!.Name;

    public static string VerbHelp(Type verb) => verb.GetCustomAttribute<VerbAttribute>()!.HelpText;

    /// <summary>"gpuae bench train", "gpuae train".</summary>
    public string CommandLine(Type verb) => Name is null ? $"gpuae {VerbName(verb)}" : $"gpuae {Name} {VerbName(verb)}";
}

/// <summary>Every command gpuae has: the dispatcher parses with it and the help lists it, so neither can miss one.</summary>
public static class CommandTable
{
    public static readonly CommandGroup Top = new(null, "",
    [
        typeof(QuickstartOptions), typeof(TrainOptions), typeof(EvalOptions), typeof(DevicesOptions), typeof(ModelsOptions),
        typeof(DoctorOptions), typeof(TsneOptions), typeof(ReproduceOptions), typeof(ReportOptions), typeof(DenoiseOptions),
        typeof(SvmOptions), typeof(ClassifyOptions), typeof(StackedOptionsCommand), typeof(EncodeOptions),
        typeof(ExportOptions), typeof(ImportOptions),
    ]);

    public static readonly CommandGroup Data = new("data", "datasets", [typeof(DataFetchOptions)]);
    public static readonly CommandGroup Sweep = new("sweep", "grids of training runs", [typeof(SweepOptions), typeof(SweepMergeOptions)]);
    public static readonly CommandGroup Bench = new("bench", "benchmarks", [typeof(BenchTrainOptions), typeof(BenchKernelsOptions)]);

    public static readonly IReadOnlyList<CommandGroup> Groups = [Top, Data, Sweep, Bench];

    /// <summary>Every runnable command with its full command line, in help order.</summary>
    public static IEnumerable<(string CommandLine, Type Verb)> All() =>
        Groups.SelectMany(g => g.Verbs.Select(v => (g.CommandLine(v), v)));
}
