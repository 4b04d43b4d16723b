namespace GpuAE.Svm;

/// <summary>
/// A C-SVC with the RBF kernel exp(-gamma*|u-v|^2). Defaults other than C and gamma are libsvm's
/// and scikit-learn's SVC defaults (cache 200 MB, tolerance 1e-3, shrinking on), so results are
/// comparable with <c>sklearn.svm.SVC(C=..., gamma=...)</c>. Values are not checked here:
/// libsvm's own <c>svm_check_parameter</c> does that when training.
/// </summary>
public sealed record SvmParameters(double C, double Gamma)
{
    public double CacheSizeMb { get; init; } = 200;
    public double Tolerance { get; init; } = 1e-3;
    public bool Shrinking { get; init; } = true;

    internal SvmParameterNative ToNative() => new()
    {
        SvmType = SvmParameterNative.CSvc,
        KernelType = SvmParameterNative.Rbf,
        Degree = 3,
        Gamma = Gamma,
        Coef0 = 0,
        CacheSize = CacheSizeMb,
        Eps = Tolerance,
        C = C,
        NrWeight = 0,
        Nu = 0.5,
        P = 0.1,
        Shrinking = Shrinking ? 1 : 0,
        Probability = 0,
    };
}
