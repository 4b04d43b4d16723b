namespace GpuAE.IO;

/// <summary>
/// Writes a file so that readers see either the old contents or the complete new ones, never a
/// half-written file: write to a temporary file beside it, flush, then rename over the target.
/// A writer killed with SIGKILL leaves its temporary file behind; the next write of the same
/// target removes such leftovers of processes that no longer run.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes the file through <paramref name="write"/>; a file-system failure (read-only, full,
    /// a folder in the way) becomes a <see cref="FileSystemException"/> that names
    /// <paramref name="path"/>, not the temporary file, and leaves the old contents in place.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = full + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            string? dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            RemoveLeftoversOfDeadWriters(full);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (FileFailure.Is(e) && e is not FileSystemException)
        {
            throw new FileSystemException(FileFailure.Of(e, path), "write", e);
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); }
            catch (IOException) { } // the write's own failure is the one to report
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Deletes "target.tmp-PID-*" files whose writer process PID has exited.</summary>
    private static void RemoveLeftoversOfDeadWriters(string target)
    {
        string dir = Path.GetDirectoryName(target)!, prefix = Path.GetFileName(target) + ".tmp-";
        if (!Directory.Exists(dir)) return;
        foreach (var file in Directory.EnumerateFiles(dir, prefix + "*"))
        {
            var rest = Path.GetFileName(file).AsSpan(prefix.Length);
            int dash = rest.IndexOf('-');
            if (dash <= 0 || !int.TryParse(rest[..dash], out int pid) || pid == Environment.ProcessId || IsRunning(pid)) continue;
            try { File.Delete(file); } catch (IOException) { } // another writer got there first
        }
    }

    private static bool IsRunning(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true); w.Write(text); });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }
}
