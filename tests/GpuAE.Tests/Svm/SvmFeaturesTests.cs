using GpuAE.Svm;

namespace GpuAE.Tests.Svm;

public sealed class SvmFeaturesTests
{
    [Fact]
    public void Raw_pixels_are_accepted() => Assert.Equal(SvmFeatures.Raw, SvmFeatures.Parse("raw"));

    [Fact]
    public void Stacked_autoencoder_features_say_they_are_not_implemented_yet()
    {
        var e = Assert.Throws<ArgumentException>(() => SvmFeatures.Parse("stacked:runs/a/model.gae"));
        Assert.Contains("--features stacked:... is not implemented yet", e.Message);
    }

    [Fact]
    public void An_unknown_feature_set_is_named_in_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => SvmFeatures.Parse("hog"));
        Assert.Contains("'hog'", e.Message);
    }
}
