using System.Collections;
using System.Reflection;
using CommandLine;

namespace GpuAE.Cli.Output;

/// <summary>
/// What CommandLineParser 2.9 lets through: a word that is neither an option, an option's value
/// nor a positional value the verb declares (`gpuae train extra --epochs 2`) is silently
/// ignored. After a successful parse every token is walked again against the verb's declared
/// options and values; a stray one is an error. The same walk tells which options were given
/// (`--resume` refuses options that would change the run it continues).
/// </summary>
public static class StrictArguments
{
    private enum Arity { Switch, One, Many }

    /// <summary>Throws a <see cref="UsageException"/> naming the first token the verb has no place for.</summary>
    public static void Check(string[] args, Type verb, string commandLine) => Walk(args, verb, commandLine);

    /// <summary>The long names ("epochs", "resume") of the options given on the command line.</summary>
    public static IReadOnlySet<string> GivenOptions(string[] args, Type verb) => Walk(args, verb, "gpuae " + CommandGroup.VerbName(verb));

    private static HashSet<string> Walk(string[] args, Type verb, string commandLine)
    {
        var options = new Dictionary<string, Arity>(StringComparer.Ordinal);
        var values = new List<Arity>();
        foreach (var p in verb.GetProperties())
        {
            if (p.GetCustomAttribute<OptionAttribute>() is { LongName: { Length: > 0 } name }) options["--" + name] = ArityOf(p.PropertyType);
            if (p.GetCustomAttribute<ValueAttribute>() is { } v) values.Add(ArityOf(p.PropertyType) == Arity.Many ? Arity.Many : Arity.One);
        }
        var given = new HashSet<string>(StringComparer.Ordinal);
        int i = args.Length > 0 && args[0] == CommandGroup.VerbName(verb) ? 1 : 0, nextValue = 0;
        while (i < args.Length)
        {
            string token = args[i++];
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
            {
                int eq = token.IndexOf('=');
                string name = eq < 0 ? token : token[..eq];
                given.Add(name[2..]);
                if (eq >= 0 || !options.TryGetValue(name, out var arity) || arity == Arity.Switch) continue;
                if (arity == Arity.One) i++;
                else while (i < args.Length && !IsOption(args[i])) i++;
            }
            else if (nextValue < values.Count)
            {
                if (values[nextValue++] == Arity.Many) while (i < args.Length && !IsOption(args[i])) i++;
            }
            else
                throw new UsageException($"{commandLine["gpuae ".Length..]}: unexpected argument '{Text.Printable.Of(token)}' (options start with --; try '{commandLine} --help')");
        }
        return given;
    }

    private static bool IsOption(string token) => token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2;

    private static Arity ArityOf(Type t) =>
        t == typeof(bool) ? Arity.Switch
        : t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t) ? Arity.Many
        : Arity.One;
}
