namespace GpuAE.Data;

/// <summary>
/// A data file is malformed or does not match what we expect of it. The message always names the
/// file (and the line or item where that helps) and says what is wrong, so the CLI can print it as is.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file (or resource) that is malformed, as the caller named it.</summary>
    public string File { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
