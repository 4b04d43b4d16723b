using System.Reflection;
using CommandLine;
using GpuAE.Cli;
using GpuAE.Cli.Output;

namespace GpuAE.Tests.Cli;

/// <summary>The help is complete: every command is listed, every experiment named, every option says its default.</summary>
public sealed class HelpTests
{
    private static readonly Type[] Verbs = [.. typeof(ICommand).Assembly.GetTypes().Where(t => typeof(ICommand).IsAssignableFrom(t) && !t.IsAbstract)];

    [Fact]
    public void The_command_table_holds_every_command_the_cli_defines() =>
        Assert.Equal(Verbs.OrderBy(t => t.Name), CommandTable.All().Select(c => c.Verb).OrderBy(t => t.Name));

    [Fact]
    public void Help_lists_every_command_and_subcommand_on_one_line_each()
    {
        var r = GpuaeProcess.Run("--help");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n');
        foreach (var (commandLine, _) in CommandTable.All())
            Assert.Single(lines, l => l.TrimStart().StartsWith(commandLine + " ", StringComparison.Ordinal));
        Assert.Contains("gpuae data fetch", r.Stdout);
        Assert.Contains("gpuae sweep merge", r.Stdout);
        Assert.Contains("gpuae bench kernels", r.Stdout);
        Assert.Contains("--quiet", r.Stdout);
    }

    [Fact]
    public void Reproduce_help_lists_every_experiment()
    {
        var r = GpuaeProcess.Run("reproduce", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var preset in GpuAE.Reproduce.Experiments.All)
            Assert.Contains($"  {preset.Name} ", r.Stdout);
    }

    [Fact]
    public void A_group_without_a_command_lists_its_commands_and_fails()
    {
        var r = GpuaeProcess.Run("bench");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("gpuae bench train", r.Stdout);
        Assert.Contains("gpuae bench kernels", r.Stdout);
    }

    [Fact]
    public void Help_before_a_command_shows_that_commands_options()
    {
        var r = GpuaeProcess.Run("help", "eval");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("gpuae eval: ", r.Stdout);
        Assert.Contains("--checkpoint", r.Stdout);
    }

    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        foreach (var verb in Verbs)
            foreach (var p in verb.GetProperties())
                if (p.GetCustomAttribute<OptionAttribute>() is { } o) data.Add(verb.Name, o.LongName);
        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_says_what_it_is_and_its_default(string verb, string option)
    {
        var property = Verbs.Single(v => v.Name == verb).GetProperties().Single(p => p.GetCustomAttribute<OptionAttribute>()?.LongName == option);
        var o = property.GetCustomAttribute<OptionAttribute>()!;
        Assert.False(string.IsNullOrWhiteSpace(o.HelpText), $"{verb} --{option} has no help text");
        bool saysDefault = o.Default is not null || o.Required || property.PropertyType == typeof(bool)
            || o.HelpText.Contains("default", StringComparison.OrdinalIgnoreCase);
        Assert.True(saysDefault, $"{verb} --{option}: the help names no default ({o.HelpText})");
    }

    [Fact]
    public void Counts_are_in_words_singular_and_plural() =>
        Assert.Equal(["1 epoch", "2 epochs", "0 images", "60,000 images"],
            [GpuAE.Text.Plural.Of(1, "epoch"), GpuAE.Text.Plural.Of(2, "epoch"), GpuAE.Text.Plural.Of(0, "image"), GpuAE.Text.Plural.Of(60000, "image")]);
}
