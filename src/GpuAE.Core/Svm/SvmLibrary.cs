namespace GpuAE.Svm;

/// <summary>Whether libsvm can be loaded (what `gpuae doctor` reports).</summary>
public static class SvmLibrary
{
    /// <summary>(true, "libsvm 3.x") when it loads, else (false, the reason and the fix).</summary>
    public static (bool Found, string Detail) Probe()
    {
        try
        {
            int version = LibSvmNative.Functions.Version;
            return (true, version > 0 ? $"libsvm {version / 100}.{version % 100}" : "libsvm (version unknown)");
        }
        catch (SvmLibraryNotFoundException e)
        {
            return (false, e.Message);
        }
    }
}
