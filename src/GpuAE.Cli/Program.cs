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
        args = args.Select(a => Aliases.TryGetValue(a, out var name) ? name : a).ToArray();
        if (args.Length > 0 && args[0] == "data")
            return Parse(args[1..], "data", typeof(DataFetchOptions));
        if (args.Length > 0 && args[0] == "bench")
            return Parse(args[1..], "bench", typeof(BenchTrainOptions), typeof(BenchKernelsOptions));
        return Parse(args, null, typeof(QuickstartOptions), typeof(TrainOptions), typeof(EvalOptions),
            typeof(DevicesOptions), typeof(ModelsOptions), typeof(TsneOptions), typeof(ReportOptions), typeof(DenoiseOptions));
    }

    /// <summary>Option spellings CommandLineParser cannot declare (one-letter long names).</summary>
    private static readonly Dictionary<string, string> Aliases = new() { ["--n"] = "--count" };

    private static int Parse(string[] args, string? group, params Type[] verbs)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null; // we print help ourselves: errors must stay one line
            s.CaseInsensitiveEnumValues = true;
            s.AutoVersion = false;
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
