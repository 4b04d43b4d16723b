using System.Reflection;
using System.Text;
using CommandLine;
using CommandLine.Text;
using GpuAE.Reproduce;

namespace GpuAE.Cli.Output;

/// <summary>
/// The help gpuae prints: `gpuae --help` lists every command and subcommand with one line each;
/// `gpuae GROUP --help` the group's commands; `gpuae COMMAND --help` its options (each with its
/// default and units) and, for `reproduce`, every experiment.
/// </summary>
public static class HelpPages
{
    public const string Heading = "GpuAE: denoising autoencoders on accelerators";

    public static string Overview()
    {
        var sb = new StringBuilder($"{Heading} ({Version})\n\nusage: gpuae COMMAND [options]   (gpuae COMMAND --help for its options)\n\ncommands:\n");
        var all = CommandTable.All().ToList();
        int width = all.Max(c => c.CommandLine.Length) + 2;
        foreach (var (line, verb) in all)
            sb.Append("  ").Append(line.PadRight(width)).Append(FirstSentence(CommandGroup.VerbHelp(verb))).Append('\n');
        sb.Append("\noptions of every command:\n");
        sb.Append("  ").Append("--quiet".PadRight(width)).Append("no progress bar or progress lines (results and warnings still print)\n");
        sb.Append("  ").Append("--help".PadRight(width)).Append("this list, or a command's options after its name\n");
        sb.Append("\nOn a terminal long work shows a progress bar; in logs and pipes a progress line every 10 s.\n");
        sb.Append("Exit codes: 0 done, 2 a mistake in the command line or its files, 3 a device failure.\n");
        return sb.ToString();
    }

    public static string Group(CommandGroup group)
    {
        var sb = new StringBuilder($"gpuae {group.Name}: {group.Description}\n\ncommands:\n");
        int width = group.Verbs.Max(v => group.CommandLine(v).Length) + 2;
        foreach (var verb in group.Verbs)
        {
            string line = group.CommandLine(verb);
            sb.Append("  ").Append(line.PadRight(width)).Append(FirstSentence(CommandGroup.VerbHelp(verb)));
            if (verb == group.Default) sb.Append($" (the default: `gpuae {group.Name} [options]` runs it)");
            sb.Append('\n');
        }
        sb.Append($"\n`gpuae {group.Name} COMMAND --help` lists a command's options.\n");
        return sb.ToString();
    }

    /// <summary>A command's option help, headed by its command line and description, with what the command adds (reproduce: its experiments).</summary>
    public static string Command<T>(ParserResult<T> result, CommandGroup group, Type? verb)
    {
        string heading = verb is null ? Heading : $"{group.CommandLine(verb)}: {CommandGroup.VerbHelp(verb)}";
        var text = HelpText.AutoBuild(result, h =>
        {
            h.Heading = heading;
            h.Copyright = "";
            h.AddDashesToOption = true;
            h.AutoVersion = false;
            h.AdditionalNewLineAfterOption = false;
            h.MaximumDisplayWidth = 100;
            return h;
        }, e => e, verbsIndex: verb is null);
        var sb = new StringBuilder(text.ToString().TrimEnd()).Append('\n');
        if (verb == typeof(Commands.ReproduceOptions)) sb.Append(Experiments());
        return sb.ToString();
    }

    /// <summary>Every experiment `gpuae reproduce` runs, one line each.</summary>
    public static string Experiments()
    {
        var presets = GpuAE.Reproduce.Experiments.All;
        int width = presets.Max(p => p.Name.Length) + 2;
        var sb = new StringBuilder($"\nexperiments ({presets.Count}, or all):\n");
        foreach (var p in presets) sb.Append("  ").Append(p.Name.PadRight(width)).Append(p.Description).Append('\n');
        return sb.ToString();
    }

    public static string Version =>
        typeof(HelpPages).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "dev";

    /// <summary>The text up to the first ". " (the one line a command gets in a list).</summary>
    public static string FirstSentence(string text)
    {
        int end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? text : text[..(end + 1)]).TrimEnd();
    }
}
