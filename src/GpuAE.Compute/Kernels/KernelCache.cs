using System.Security.Cryptography;
using System.Text;

namespace GpuAE.Compute.Kernels;

/// <summary>
/// Compiled kernels on disk (OpenCL program binaries, CUDA PTX), keyed by a hash of everything
/// that determines the compiler's output: source, device, driver version, build options.
/// Each entry carries a header with the payload's length and SHA-256; an entry that does not
/// verify is deleted and reported as missing, so a corrupt cache costs a rebuild, never a
/// wrong kernel. Directory: $GPUAE_KERNEL_CACHE, else ~/.cache/gpuae/kernels.
/// </summary>
public sealed class KernelCache
{
    private static readonly byte[] Magic = "GPUAEKC1"u8.ToArray();
    private const int HeaderSize = 8 + 8 + 32;

    public KernelCache(string? directory = null)
    {
        Directory = directory ?? DefaultDirectory();
    }

    public string Directory { get; }

    public static string DefaultDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GPUAE_KERNEL_CACHE");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "gpuae", "kernels");
    }

    /// <summary>A file-name-safe key: SHA-256 (hex) of the parts, each length-prefixed.</summary>
    public static string Key(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.Length).Append(':').Append(part).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public string PathOf(string key) => Path.Combine(Directory, key + ".bin");

    /// <summary>The verified payload stored under key, or null (missing or corrupt; corrupt entries are deleted).</summary>
    public byte[]? TryRead(string key)
    {
        var path = PathOf(key);
        byte[] file;
        try { if (!File.Exists(path)) return null; file = File.ReadAllBytes(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var payload = Verify(file);
        if (payload is null) Remove(key);
        return payload;
    }

    private static byte[]? Verify(byte[] file)
    {
        if (file.Length < HeaderSize || !file.AsSpan(0, 8).SequenceEqual(Magic)) return null;
        long length = BitConverter.ToInt64(file, 8);
        if (length != file.Length - HeaderSize) return null;
        var payload = file.AsSpan(HeaderSize).ToArray();
        return SHA256.HashData(payload).AsSpan().SequenceEqual(file.AsSpan(16, 32)) ? payload : null;
    }

    /// <summary>Stores payload under key atomically (temp file, then rename). A cache that cannot be written is skipped.</summary>
    public void Write(string key, ReadOnlySpan<byte> payload)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = PathOf(key);
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Magic);
                stream.Write(BitConverter.GetBytes((long)payload.Length));
                stream.Write(SHA256.HashData(payload));
                stream.Write(payload);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Deletes an entry (after a payload that verified still failed to load).</summary>
    public void Remove(string key)
    {
        try { File.Delete(PathOf(key)); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
