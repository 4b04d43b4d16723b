using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GpuAE.Svm;

/// <summary><c>struct svm_node</c> of libsvm 3.x (svm.h): one non-zero feature; index -1 ends a row.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SvmNode
{
    public int Index;
    public double Value;

    public const int EndOfRow = -1;
}

/// <summary><c>struct svm_problem</c>: l rows, their labels y[l] and sparse rows x[l].</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SvmProblemNative
{
    public int L;
    public double* Y;
    public SvmNode** X;
}

/// <summary><c>struct svm_parameter</c>, field for field (same order, same C types).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SvmParameterNative
{
    public int SvmType;
    public int KernelType;
    public int Degree;
    public double Gamma;
    public double Coef0;
    public double CacheSize;
    public double Eps;
    public double C;
    public int NrWeight;
    public int* WeightLabel;
    public double* Weight;
    public double Nu;
    public double P;
    public int Shrinking;
    public int Probability;

    public const int CSvc = 0;   // enum { C_SVC, NU_SVC, ONE_CLASS, EPSILON_SVR, NU_SVR }
    public const int Rbf = 2;    // enum { LINEAR, POLY, RBF, SIGMOID, PRECOMPUTED }
}

/// <summary>
/// The libsvm 3.x C API, bound at run time: the library's file name differs per platform and
/// version (libsvm.so.3 on Debian, libsvm.dll on Windows), so it is found with
/// <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> rather than a fixed DllImport name.
/// The solver's progress output is silenced once on load (it would interleave with ours on stdout).
/// </summary>
internal static unsafe class LibSvmNative
{
    public const string NotFoundMessage = "libsvm not found: install the Debian package libsvm3 (apt-get install libsvm3)";
    private static readonly string[] Candidates = ["libsvm.so.3", "libsvm.so", "libsvm.dll", "libsvm.3.dylib", "libsvm.dylib"];
    private static readonly Lazy<Api> LazyApi = new(() => Load(Candidates));

    public static Api Functions => LazyApi.Value;

    public sealed class Api
    {
        public delegate* unmanaged[Cdecl]<SvmProblemNative*, SvmParameterNative*, IntPtr> Train;
        public delegate* unmanaged[Cdecl]<IntPtr, SvmNode*, double> Predict;
        public delegate* unmanaged[Cdecl]<SvmProblemNative*, SvmParameterNative*, byte*> CheckParameter;
        public delegate* unmanaged[Cdecl]<IntPtr*, void> FreeAndDestroyModel;
        public delegate* unmanaged[Cdecl]<IntPtr, int> GetNrClass;
        public delegate* unmanaged[Cdecl]<IntPtr, int> GetNrSv;
        public delegate* unmanaged[Cdecl]<IntPtr, int*, void> GetLabels;
        public int Version;
    }

    /// <summary>Loads the first of <paramref name="candidates"/> that exists and binds its functions.</summary>
    internal static Api Load(IReadOnlyList<string> candidates)
    {
        foreach (string name in candidates)
        {
            if (!NativeLibrary.TryLoad(name, typeof(LibSvmNative).Assembly, null, out IntPtr handle)) continue;
            var api = new Api
            {
                Train = (delegate* unmanaged[Cdecl]<SvmProblemNative*, SvmParameterNative*, IntPtr>)Export(handle, name, "svm_train"),
                Predict = (delegate* unmanaged[Cdecl]<IntPtr, SvmNode*, double>)Export(handle, name, "svm_predict"),
                CheckParameter = (delegate* unmanaged[Cdecl]<SvmProblemNative*, SvmParameterNative*, byte*>)Export(handle, name, "svm_check_parameter"),
                FreeAndDestroyModel = (delegate* unmanaged[Cdecl]<IntPtr*, void>)Export(handle, name, "svm_free_and_destroy_model"),
                GetNrClass = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, name, "svm_get_nr_class"),
                GetNrSv = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, name, "svm_get_nr_sv"),
                GetLabels = (delegate* unmanaged[Cdecl]<IntPtr, int*, void>)Export(handle, name, "svm_get_labels"),
                Version = NativeLibrary.TryGetExport(handle, "libsvm_version", out IntPtr v) ? *(int*)v : 0,
            };
            var setPrint = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, void>, void>)Export(handle, name, "svm_set_print_string_function");
            setPrint(&DiscardSolverOutput);
            return api;
        }
        throw new SvmLibraryNotFoundException(NotFoundMessage);
    }

    private static IntPtr Export(IntPtr handle, string library, string symbol) =>
        NativeLibrary.TryGetExport(handle, symbol, out IntPtr address)
            ? address
            : throw new SvmLibraryNotFoundException($"{library} has no function {symbol}: need libsvm 3.x (Debian package libsvm3)");

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void DiscardSolverOutput(byte* text) { }
}
