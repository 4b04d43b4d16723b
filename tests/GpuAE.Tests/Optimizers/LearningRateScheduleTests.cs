using GpuAE.Optimizers;
using GpuAE.Tests.Cli;

namespace GpuAE.Tests.Optimizers;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Constant_keeps_the_base_rate_every_epoch() =>
        Assert.All(Enumerable.Range(1, 5), e => Assert.Equal(0.1f, LearningRateSchedule.Parse("constant").RateAt(0.1f, e, 5)));

    [Fact]
    public void Cosine_starts_at_the_base_rate_halves_midway_and_ends_near_zero()
    {
        var s = LearningRateSchedule.Parse("cosine");
        Assert.Equal(1e-3f, s.RateAt(1e-3f, 1, 10), 7);
        Assert.Equal(0.5e-3f, s.RateAt(1e-3f, 6, 10), 7);
        Assert.True(s.RateAt(1e-3f, 10, 10) < 0.03e-3f);
        Assert.True(s.RateAt(1e-3f, 10, 10) > 0f);
    }

    [Fact]
    public void Step_multiplies_by_the_factor_every_e_epochs()
    {
        var s = LearningRateSchedule.Parse("step:3:0.1");
        Assert.Equal([1f, 1f, 1f, 0.1f, 0.1f, 0.1f, 0.01f], Enumerable.Range(1, 7).Select(e => MathF.Round(s.RateAt(1f, e, 7), 5)));
        Assert.Equal("step:3:0.1", s.ToString());
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("step:0:0.5")]
    [InlineData("step:2")]
    [InlineData("step:2:-1")]
    public void An_unknown_schedule_is_refused_with_its_text(string text)
    {
        var e = Assert.Throws<FormatException>(() => LearningRateSchedule.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Train_refuses_a_bad_schedule_in_one_line()
    {
        var r = GpuaeProcess.Run("train", "--lr-schedule", "sometimes");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--lr-schedule: 'sometimes'", r.Stderr);
    }
}
