namespace GpuAE.Svm;

/// <summary>
/// What the SVM is trained on: <c>raw</c> pixels now; <c>stacked:CKPT</c> (an autoencoder's codes)
/// is reserved and rejected until it is implemented.
/// </summary>
public static class SvmFeatures
{
    public const string Raw = "raw";

    /// <exception cref="ArgumentException">anything but "raw"</exception>
    public static string Parse(string spec)
    {
        string s = spec.Trim();
        if (s.Equals(Raw, StringComparison.OrdinalIgnoreCase)) return Raw;
        if (s.StartsWith("stacked:", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--features {s}: --features stacked:... is not implemented yet (use --features raw)");
        throw new ArgumentException($"--features: unknown feature set '{s}' (known: raw)");
    }
}
