using GpuAE.Cli;

namespace GpuAE.Fuzz;

/// <summary>
/// How a case ended. Loaded: the reader took the input. Rejected: it refused it the way the CLI
/// turns into one clean line (exit code 2 or 5): an exception GpuAE itself raised, whose message is
/// one printable line of at most <see cref="MaxMessage"/> characters. Anything else is a crash: an
/// exception the CLI would print as a bug (exit 1), one thrown from inside .NET rather than by a
/// GpuAE check (an index out of range, an overflow, a null reference), or a message carrying raw
/// bytes or several lines; and a worker process that died on the case.
/// </summary>
public static class Outcome
{
    public const int MaxMessage = 400;

    /// <summary>Null when the exception is a clean rejection, else what is wrong with it.</summary>
    public static string? Problem(Exception e)
    {
        var (code, line) = CliErrors.Classify(e);
        if (code is not (CliErrors.Usage or CliErrors.Environment)) return $"the CLI would treat it as exit {code}";
        var origin = Innermost(e).TargetSite?.DeclaringType?.Namespace ?? "";
        if (!origin.StartsWith("GpuAE", StringComparison.Ordinal)) return $"thrown inside {origin}, not by a GpuAE check";
        if (line.Length > MaxMessage) return $"a message of {line.Length} characters";
        if (line.Any(c => c < 0x20 || c == 0x7f || c == '\uFFFD')) return "a message with control characters or undecodable bytes";
        return null;
    }

    /// <summary>The exception a parallel loop or reflection wrapped.</summary>
    private static Exception Innermost(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        return e;
    }

    /// <summary>One line describing an exception for the crash list: its type and message, escaped.</summary>
    public static string Describe(Exception e) => $"{e.GetType().Name}: {Text.Printable.Of(e.Message, 200)}";
}
