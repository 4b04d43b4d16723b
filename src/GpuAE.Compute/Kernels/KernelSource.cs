using System.Text;
using System.Text.RegularExpressions;

namespace GpuAE.Compute.Kernels;

/// <summary>
/// The kernel sources embedded in this assembly (kernels/*.cl, kernels/*.h), with their
/// `#include "x"` lines inlined (embedded files have no directory for a compiler to search).
/// OpenCL builds <see cref="ForOpenCl"/>; CUDA builds the same text after cuda_prelude.h.
/// </summary>
public static partial class KernelSource
{
    /// <summary>Every kernel file an accelerator may build, in no particular order.</summary>
    public static readonly string[] Files = ["elementwise.cl", "loss.cl", "gemm.cl", "noise.cl", "quality.cl", "conv.cl", "spatial.cl", "normalization.cl"];

    public const string CudaPrelude = "cuda_prelude.h";

    [GeneratedRegex("^\\s*#\\s*include\\s+\"([^\"]+)\"\\s*$")]
    private static partial Regex IncludeLine();

    /// <summary>The raw text of one embedded file; throws ComputeException when it is missing.</summary>
    public static string Read(string file)
    {
        using var stream = typeof(KernelSource).Assembly.GetManifestResourceStream("kernels/" + file)
            ?? throw new ComputeException($"kernel source kernels/{file} is not embedded in {typeof(KernelSource).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>OpenCL C text of a kernel file, includes inlined.</summary>
    public static string ForOpenCl(string file) => Expand(file, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>CUDA C++ text of a kernel file: the prelude, then the file with includes inlined.</summary>
    public static string ForCuda(string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Expand(CudaPrelude, seen) + Expand(file, seen);
    }

    private static string Expand(string file, HashSet<string> seen)
    {
        if (!seen.Add(file)) return "";
        var text = new StringBuilder();
        int lineNumber = 0;
        text.Append("#line 1 \"").Append(file).Append("\"\n");
        foreach (var line in Read(file).Split('\n'))
        {
            lineNumber++;
            var include = IncludeLine().Match(line.TrimEnd('\r'));
            if (!include.Success) { text.Append(line.TrimEnd('\r')).Append('\n'); continue; }
            text.Append(Expand(include.Groups[1].Value, seen));
            text.Append("#line ").Append(lineNumber + 1).Append(" \"").Append(file).Append("\"\n");
        }
        return text.ToString();
    }
}
