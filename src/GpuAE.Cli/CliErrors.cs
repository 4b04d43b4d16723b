using CommandLine;
using GpuAE.Checkpoints;
using GpuAE.Cli.Output;
using GpuAE.Compute;

namespace GpuAE.Cli;

/// <summary>
/// Turns exceptions and parse errors into the CLI's contract: a user mistake prints one line
/// ("gpuae: ...") on stderr and exits 2; a device failure exits 3; only a bug in GpuAE itself
/// prints a stack trace (exit 1).
/// </summary>
public static class CliErrors
{
    public const int Usage = 2, Device = 3, Internal = 1;

    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            return Fail(e.Message, Usage);
        }
        catch (ComputeException e)
        {
            return Fail(e.Message, Device);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", 130);
        }
    }

    /// <summary>Exceptions that mean "the input was wrong", whose messages say what and where.</summary>
    public static bool IsUserError(Exception e) => e is UsageException or ArgumentException or FormatException
        or CheckpointException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        || e.GetType().Namespace is "GpuAE.Data" or "GpuAE.Imaging";

    public static int Fail(string message, int code)
    {
        Console.Out.Flush();
        Console.Error.WriteLine($"gpuae: {FirstLine(message)}");
        return code;
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }

    public static int ReportParseErrors<T>(ParserResult<T> result, IEnumerable<Error> errors, CommandGroup group)
    {
        var list = errors.ToList();
        string prefix = group.Name is null ? "gpuae" : $"gpuae {group.Name}";
        if (list.Any(e => e is HelpRequestedError or HelpVerbRequestedError or VersionRequestedError))
        {
            var verb = list.OfType<HelpVerbRequestedError>().FirstOrDefault()?.Type ?? (result.TypeInfo.Current is { } t && group.Verbs.Contains(t) ? t : null);
            Console.Write(verb is null && list.Any(e => e is HelpVerbRequestedError) ? (group.Name is null ? HelpPages.Overview() : HelpPages.Group(group)) : HelpPages.Command(result, group, verb));
            return 0;
        }
        var first = list.First();
        string message = first switch
        {
            NoVerbSelectedError => $"{prefix}: missing command (try '{prefix} --help')",
            BadVerbSelectedError b => $"{prefix}: unknown command '{b.Token}' (try '{prefix} --help')",
            UnknownOptionError u => $"{prefix}: unknown option '--{u.Token}' (try '{prefix} <command> --help')",
            MissingRequiredOptionError m => $"{prefix}: missing required option '--{m.NameInfo.LongName}'",
            MissingValueOptionError m => $"{prefix}: option '--{m.NameInfo.LongName}' needs a value",
            BadFormatConversionError b => $"{prefix}: option '--{b.NameInfo.LongName}' has a value of the wrong type",
            RepeatedOptionError r => $"{prefix}: option '--{r.NameInfo.LongName}' given twice",
            _ => $"{prefix}: {first.Tag} (try '{prefix} --help')",
        };
        Console.Error.WriteLine(message.StartsWith("gpuae") ? message : "gpuae: " + message);
        return Usage;
    }
}

/// <summary>A mistake in how gpuae was called (a bad value, a missing file).</summary>
public sealed class UsageException(string message) : Exception(message);
