using CommandLine;
using GpuAE.Checkpoints;
using GpuAE.Cli.Output;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Training;

namespace GpuAE.Cli;

/// <summary>
/// Turns exceptions and parse errors into the CLI's contract (README, "Exit codes"): every
/// failure that is not a bug in GpuAE prints one line ("gpuae: ...") on stderr and exits with
/// 2 (a mistake in the command line or its inputs), 3 (the device failed), 4 (training
/// diverged) or 5 (the machine refused: a read-only or full disk, a permission, host memory).
/// Only a bug in GpuAE itself prints a stack trace, with exit code 1.
/// </summary>
public static class CliErrors
{
    public const int Internal = 1, Usage = 2, Device = 3, Diverged = 4, Environment = 5, Interrupted = 130;

    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            var (code, line) = Classify(e);
            if (code == Internal)
            {
                Console.Out.Flush();
                Console.Error.WriteLine($"gpuae: internal error (a bug in GpuAE; please report it with the command line): {e}");
                return Internal;
            }
            return Fail(line, code);
        }
    }

    /// <summary>The exit code and the one line an exception ends the process with; <see cref="Internal"/> for bugs.</summary>
    public static (int Code, string Line) Classify(Exception e)
    {
        e = Unwrapped(e);
        if (e is OperationCanceledException) return (Interrupted, "cancelled");
        if (e is ComputeException) return (Device, e.Message);
        if (e is TrainingDivergedException) return (Diverged, e.Message);
        if (e is FileSystemException) return (((FileSystemException)e).Failure.IsEnvironment ? Environment : Usage, e.Message);
        if (IsUserError(e)) return (Usage, e.Message);
        if (FileFailure.Is(e))
        {
            var f = FileFailure.Of(e);
            return (f.IsEnvironment ? Environment : Usage, f.Path is null ? f.Cause : $"'{Text.Printable.Path(f.Path)}': {f.Cause}");
        }
        if (e is OutOfMemoryException) return (Environment, $"out of host memory ({e.Message.TrimEnd('.')}); try a smaller --batch, model or --train-limit");
        return (Internal, e.ToString());
    }

    /// <summary>Parallel loops and reflection wrap the exception that matters.</summary>
    private static Exception Unwrapped(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: >= 1 } a) e = a.InnerExceptions[0];
            else if (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
            else if (e is TypeInitializationException { InnerException: { } init }) e = init;
            else return e;
        }
    }

    /// <summary>Exceptions that mean "the input was wrong", whose messages say what and where.</summary>
    public static bool IsUserError(Exception e) => e is UsageException or ArgumentException or FormatException
        or CheckpointException or SizeLimitException or OutputFolderException or StateFileException
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
