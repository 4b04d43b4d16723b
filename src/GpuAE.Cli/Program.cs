using CommandLine;
using GpuAE.Cli.Commands;

namespace GpuAE.Cli;

/// <summary>
/// `gpuae`: train, evaluate and benchmark denoising autoencoders. Verbs are parsed by
/// CommandLineParser; `data` and `bench` take a second verb (e.g. `gpuae bench train`).
/// Every user mistake ends as one line on stderr and exit code 2 (see <see cref="CliErrors"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => CliErrors.Guard(() => Dispatch(args));

    internal static int Dispatch(string[] args)
    {
        args = GatherRepeated(args.Select(a => Aliases.TryGetValue(a, out var name) ? name : a).ToArray(), "--grid");
        if (args.Length > 0 && args[0] == "data")
            return Parse(args[1..], "data", typeof(DataFetchOptions));
        if (args.Length > 0 && args[0] == "sweep")
            return Parse(args[1..], "sweep", typeof(SweepOptions), typeof(SweepMergeOptions));
        if (args.Length > 0 && args[0] == "bench")
            return Parse(args[1..], "bench", typeof(BenchTrainOptions), typeof(BenchKernelsOptions));
        return Parse(args, null, typeof(QuickstartOptions), typeof(TrainOptions), typeof(EvalOptions),
            typeof(DevicesOptions), typeof(ModelsOptions), typeof(TsneOptions), typeof(ReproduceOptions),
            typeof(ReportOptions), typeof(DenoiseOptions), typeof(SvmOptions), typeof(ClassifyOptions), typeof(StackedOptionsCommand));
    }

    /// <summary>
    /// CommandLineParser 2.9 rejects a repeated option; `--grid a --grid b` becomes `--grid a b`,
    /// the sequence form it accepts.
    /// </summary>
    private static string[] GatherRepeated(string[] args, string option)
    {
        var values = new List<string>();
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == option && i + 1 < args.Length) values.Add(args[++i]);
            else rest.Add(args[i]);
        }
        if (values.Count == 0) return args;
        return [.. rest, option, .. values];
    }

    /// <summary>Option spellings CommandLineParser cannot declare (one-letter long names).</summary>
    private static readonly Dictionary<string, string> Aliases = new() { ["--n"] = "--count", ["--c"] = "--cost" };

    private static int Parse(string[] args, string? group, params Type[] verbs)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null; // we print help ourselves: errors must stay one line
            s.CaseInsensitiveEnumValues = true;
            s.AutoVersion = false;
            s.AllowMultiInstance = true; // --grid may repeat
        });
        var result = parser.ParseArguments(args, verbs);
        return result.MapResult(
            (ICommand command) => command.Run(),
            errors => CliErrors.ReportParseErrors(result, errors, group));
    }
}

/// <summary>A parsed verb: runs and returns the process exit code.</summary>
public interface ICommand
{
    int Run();
}
