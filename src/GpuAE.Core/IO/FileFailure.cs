using System.Text.RegularExpressions;
using GpuAE.Text;

namespace GpuAE.IO;

/// <summary>
/// A file-system failure said in one line: the path and the cause in words ("read-only file
/// system", "no space left on the device", "is a folder, not a file"), and who can fix it: the
/// user, by naming another path (a path that is a file where a folder is needed or the reverse,
/// a missing file), or the machine's owner (read-only mounts, full disks, permissions, device
/// errors). .NET on Linux keeps the errno in an IOException's HResult; where it maps two causes
/// to one exception (opening a folder as a file reads as "access denied") the path is looked at.
/// </summary>
public sealed class FileFailure
{
    // errno values (Linux) that .NET leaves in IOException.HResult
    private const int EIO = 5, EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EFBIG = 27, ENOSPC = 28, EROFS = 30, ENAMETOOLONG = 36, EDQUOT = 122;

    private FileFailure(string? path, string cause, bool isEnvironment)
    {
        Path = path;
        Cause = cause;
        IsEnvironment = isEnvironment;
    }

    /// <summary>The path the failure is about, as the program named it (never a temporary name), if known.</summary>
    public string? Path { get; }

    /// <summary>The cause in words, e.g. "read-only file system".</summary>
    public string Cause { get; }

    /// <summary>True when the machine refused (exit code 5), false when the command line named a wrong path (exit code 2).</summary>
    public bool IsEnvironment { get; }

    /// <summary>"cannot write 'runs/x/model.gae': no space left on the device".</summary>
    public string Line(string verb = "write") => Path is null ? $"cannot {verb}: {Cause}" : $"cannot {verb} '{Printable.Path(Path)}': {Cause}";

    /// <summary>The same failure told about another path (a folder whose test file could not be written).</summary>
    public FileFailure About(string path) => new(path, Cause, IsEnvironment);

    /// <summary>A path the command line named wrongly (exit code 2), e.g. "is a file, not a folder".</summary>
    public static FileFailure WrongPath(string path, string cause) => new(path, cause, false);

    /// <summary>Whether an exception is a file-system failure this class can describe.</summary>
    public static bool Is(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>
    /// Describes a file-system exception; <paramref name="path"/> is the path the program was
    /// working on (taken from the exception's message when not given).
    /// </summary>
    public static FileFailure Of(Exception e, string? path = null)
    {
        if (e is FileSystemException known) return known.Failure;
        path ??= PathIn(e.Message);
        if (path is not null) path = WithoutTemporarySuffix(path);
        if (e is FileNotFoundException or DirectoryNotFoundException)
            return new(path, NotFoundCause(path), false);
        if (e is PathTooLongException) return new(path, "the path is too long", false);
        if (e is UnauthorizedAccessException)
            return path is not null && Directory.Exists(path)
                ? new(path, "is a folder, not a file", false)
                : new(path, "permission denied", true);
        return e.HResult switch
        {
            ENOSPC => new(path, "no space left on the device", true),
            EDQUOT => new(path, "disk quota exceeded", true),
            EFBIG => new(path, "the file is too large for this file system", true),
            EROFS => new(path, "read-only file system", true),
            EIO => new(path, "input/output error on the device", true),
            EISDIR => new(path, "is a folder, not a file", false),
            ENOTDIR => new(path, NotADirectoryCause(path), false),
            EEXIST => new(path, path is not null && File.Exists(path) ? "is a file, not a folder" : "already exists", false),
            ENAMETOOLONG => new(path, "the path is too long", false),
            _ => new(path, FirstLine(e.Message), true),
        };
    }

    /// <summary>A missing path whose parent is a file is "not a folder"; otherwise it does not exist.</summary>
    private static string NotFoundCause(string? path)
    {
        for (string? dir = path is null ? null : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
            if (File.Exists(dir)) return $"'{Printable.Path(dir)}' is a file, not a folder";
        return "no such file or folder";
    }

    private static string NotADirectoryCause(string? path)
    {
        string cause = NotFoundCause(path);
        return cause.StartsWith('\'') ? cause : "a part of the path is a file, not a folder";
    }

    /// <summary>The path in .NET's messages: "... : '/x/y'" or "... path '/x/y' ...".</summary>
    private static string? PathIn(string message)
    {
        var m = Regex.Match(message, "'(/[^']*)'");
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>AtomicFile writes "target.tmp-PID-GUID" first: the user named the target.</summary>
    private static string WithoutTemporarySuffix(string path) => Regex.Replace(path, @"\.tmp-\d+-[0-9a-f]{32}$", "");

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}

/// <summary>A file-system failure already described (by <see cref="AtomicFile"/> or a folder check): the message is the one line to print.</summary>
public sealed class FileSystemException(FileFailure failure, string verb, Exception? inner = null)
    : IOException(failure.Line(verb), inner)
{
    public FileFailure Failure { get; } = failure;
}
