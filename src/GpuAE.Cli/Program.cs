using CommandLine;
using GpuAE.Cli.Commands;
using GpuAE.Cli.Output;

namespace GpuAE.Cli;

/// <summary>
/// `gpuae`: train, evaluate and benchmark denoising autoencoders. Verbs are parsed by
/// CommandLineParser; `data`, `sweep` and `bench` take a second verb (e.g. `gpuae bench train`).
/// Every user mistake ends as one line on stderr and exit code 2 (see <see cref="CliErrors"/>).
/// `--quiet` anywhere on the line turns progress bars and lines off.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => CliErrors.Guard(() => Dispatch(args));

    internal static int Dispatch(string[] args)
    {
        args = GatherRepeated(args.Select(a => Aliases.TryGetValue(a, out var name) ? name : a).ToArray(), "--grid");
        bool quiet = args.Contains(QuietFlag);
        args = args.Where(a => a != QuietFlag).ToArray();
        ProgressDisplay.Console = ProgressDisplay.ForConsole(quiet);
        if (args.Length == 0 || (args.Length == 1 && args[0] is "--help" or "-h" or "help"))
        {
            Console.Write(HelpPages.Overview());
            return args.Length == 0 ? CliErrors.Usage : 0;
        }
        if (args is ["--version"]) { Console.WriteLine($"gpuae {HelpPages.Version}"); return 0; }
        if (args is ["help", var verb, ..]) args = [verb, "--help"]; // `gpuae help train` is `gpuae train --help`
        var group = CommandTable.Groups.FirstOrDefault(g => g.Name is not null && g.Name == args[0]);
        if (group is not null)
        {
            var rest = args[1..];
            if (rest is ["help", var sub, ..]) rest = [sub, "--help"];
            if (rest.Length == 0 || rest is ["--help" or "-h" or "help"])
            {
                Console.Write(HelpPages.Group(group));
                return rest.Length == 0 && group.Default is null ? CliErrors.Usage : 0;
            }
            return Parse(rest, group);
        }
        return Parse(args, CommandTable.Top);
    }

    public const string QuietFlag = "--quiet";

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

    private static int Parse(string[] args, CommandGroup group)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null; // we print help ourselves: errors must stay one line
            s.CaseInsensitiveEnumValues = true;
            s.AutoVersion = false;
            s.AllowMultiInstance = true; // --grid may repeat
        });
        var result = parser.ParseArguments(args, [.. group.Verbs]);
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
