namespace GpuAE.Svm;

/// <summary>A parsed <c>--features</c>: raw pixels, or the top codes of a stacked autoencoder checkpoint.</summary>
public sealed record SvmFeatureSet(string Spec, string? Checkpoint)
{
    public bool IsStacked => Checkpoint is not null;
}

/// <summary>
/// What the SVM is trained on: <c>raw</c> pixels, or <c>stacked:CKPT</c>, the top-layer codes of a
/// `gpuae stacked` checkpoint (encoded on the device, see <see cref="Stacked.StackedFeatures"/>).
/// </summary>
public static class SvmFeatures
{
    public const string Raw = "raw";
    public const string StackedPrefix = "stacked:";

    /// <exception cref="ArgumentException">neither "raw" nor "stacked:PATH"</exception>
    public static SvmFeatureSet Parse(string spec)
    {
        string s = spec.Trim();
        if (s.Equals(Raw, StringComparison.OrdinalIgnoreCase)) return new SvmFeatureSet(Raw, null);
        if (s.StartsWith(StackedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string path = s[StackedPrefix.Length..].Trim();
            if (path.Length == 0) throw new ArgumentException($"--features {s}: name the checkpoint, e.g. --features stacked:runs/stacked/model.gae");
            return new SvmFeatureSet(StackedPrefix + path, path);
        }
        throw new ArgumentException($"--features: unknown feature set '{s}' (known: raw, stacked:CKPT)");
    }
}
