using GpuAE.Compute;
using GpuAE.Noise;

namespace GpuAE.Tests.Noise;

public sealed class NoiseSpecTests
{
    [Theory]
    [InlineData("none", NoiseKind.None, 0f)]
    [InlineData("mask:0.2", NoiseKind.Mask, 0.2f)]
    [InlineData("saltpepper:0.1", NoiseKind.SaltPepper, 0.1f)]
    [InlineData("gaussian:0.5", NoiseKind.Gaussian, 0.5f)]
    [InlineData("erase", NoiseKind.Erase, 0f)]
    [InlineData(" Mask:0.7 ", NoiseKind.Mask, 0.7f)]
    public void Parses_every_kind(string text, NoiseKind kind, float level)
    {
        var spec = NoiseSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(level, spec.Level);
    }

    [Theory]
    [InlineData("blur:0.2", "unknown kind")]
    [InlineData("mask", "missing level")]
    [InlineData("mask:", "missing level")]
    [InlineData("mask:1.5", "fraction must be in [0, 1]")]
    [InlineData("gaussian:-1", "must be >= 0")]
    [InlineData("gaussian:abc", "is not a number")]
    [InlineData("erase:0.3", "takes no level")]
    public void Rejects_bad_specs_with_a_reason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => NoiseSpec.Parse(text));
        Assert.Contains(reason, e.Message);
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Mix_draws_several_kinds_reproducibly()
    {
        var mix = NoiseSpec.Parse("mix");
        var draws = Enumerable.Range(0, 200).Select(b => mix.Resolve(5, 1, (uint)b)).ToList();
        Assert.Equal(draws, Enumerable.Range(0, 200).Select(b => mix.Resolve(5, 1, (uint)b)).ToList());
        Assert.Equal(4, draws.Select(d => d.Kind).Distinct().Count());
        Assert.All(draws.Where(d => d.Kind == NoiseKind.Mask), d => Assert.InRange(d.Level, 0.1f, 0.7f));
    }

    [Theory]
    [InlineData("mask:0.2")]
    [InlineData("gaussian:0.35")]
    [InlineData("erase")]
    [InlineData("mix")]
    public void Round_trips_through_its_text_form(string text) => Assert.Equal(text, NoiseSpec.Parse(text).ToString());
}
