using GpuAE.Svm;

namespace GpuAE.Tests.Svm;

public sealed class SvmFeaturesTests
{
    [Fact]
    public void Raw_pixels_are_accepted() => Assert.Equal(new SvmFeatureSet(SvmFeatures.Raw, null), SvmFeatures.Parse("raw"));

    [Fact]
    public void Stacked_autoencoder_features_name_their_checkpoint() =>
        Assert.Equal("runs/a/model.gae", SvmFeatures.Parse("stacked:runs/a/model.gae").Checkpoint);

    [Fact]
    public void Stacked_features_without_a_checkpoint_path_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SvmFeatures.Parse("stacked:"));
        Assert.Contains("name the checkpoint", e.Message);
    }

    [Fact]
    public void An_unknown_feature_set_is_named_in_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => SvmFeatures.Parse("hog"));
        Assert.Contains("'hog'", e.Message);
    }
}
