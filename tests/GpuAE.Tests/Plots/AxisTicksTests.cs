using GpuAE.Plots;

namespace GpuAE.Tests.Plots;

public class AxisTicksTests
{
    [Theory]
    [InlineData(0.87, false, 1.0)]
    [InlineData(0.25, true, 0.2)]
    [InlineData(3.2, true, 5)]
    [InlineData(7.1, true, 10)]
    [InlineData(1.4, true, 1)]
    [InlineData(120, false, 200)]
    public void Nice_number_is_one_two_or_five_times_a_power_of_ten(double x, bool round, double expected)
    {
        Assert.Equal(expected, AxisTicks.NiceNumber(x, round), 12);
    }

    [Fact]
    public void Range_zero_to_point_87_gets_ticks_every_point_2_up_to_1()
    {
        var ticks = AxisTicks.Linear(0, 0.87, 5);

        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks.Values);
        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Labels);
    }

    [Theory]
    [InlineData(0.0213, 0.8731)]
    [InlineData(-3.7, 12.2)]
    [InlineData(1e-5, 3.3e-5)]
    [InlineData(999, 1001)]
    [InlineData(1.2e6, 3.1e6)]
    public void Loose_ticks_cover_the_data_with_a_tick_at_each_end(double min, double max)
    {
        var ticks = AxisTicks.Linear(min, max, 6);

        Assert.True(ticks.Min <= min && ticks.Max >= max, $"{ticks.Min}..{ticks.Max} does not cover {min}..{max}");
        Assert.Equal(ticks.Min, ticks.Values[0]);
        Assert.Equal(ticks.Max, ticks.Values[^1], 12);
    }

    [Theory]
    [InlineData(0.0213, 0.8731)]
    [InlineData(-3.7, 12.2)]
    [InlineData(1e-5, 3.3e-5)]
    public void Ticks_are_evenly_spaced_by_a_nice_step(double min, double max)
    {
        var v = AxisTicks.Linear(min, max, 6).Values;
        double step = v[1] - v[0];

        Assert.Equal(AxisTicks.NiceNumber(step, true), step, step * 1e-9);
        for (int i = 2; i < v.Count; i++) Assert.Equal(step, v[i] - v[i - 1], step * 1e-9);
    }

    [Fact]
    public void Labels_carry_no_binary_noise()
    {
        var ticks = AxisTicks.Linear(0.1, 0.7, 13); // step 0.1: 3 * 0.1 is 0.30000000000000004 in binary

        Assert.All(ticks.Labels, l => Assert.True(l.Length <= 4, l));
        Assert.Contains("0.3", ticks.Labels);
        Assert.Contains(0.3, ticks.Values);
    }

    [Fact]
    public void Integer_axis_never_steps_below_one()
    {
        var ticks = AxisTicks.Linear(1, 3, 10, integers: true);

        Assert.Equal([1, 2, 3], ticks.Values);
        Assert.Equal(["1", "2", "3"], ticks.Labels);
    }

    [Fact]
    public void Zero_width_range_is_padded_around_the_value()
    {
        var ticks = AxisTicks.Linear(5, 5, 5);

        Assert.True(ticks.Min < 5 && ticks.Max > 5);
    }

    [Fact]
    public void Zero_width_range_at_zero_is_padded_by_one()
    {
        var ticks = AxisTicks.Linear(0, 0, 5);

        Assert.True(ticks.Min <= -1 && ticks.Max >= 1);
    }

    [Fact]
    public void Tight_ticks_stay_inside_the_data_range()
    {
        var ticks = AxisTicks.Linear(0.13, 0.91, 5, loose: false);

        Assert.Equal((0.13, 0.91), (ticks.Min, ticks.Max));
        Assert.Equal([0.2, 0.4, 0.6, 0.8], ticks.Values);
    }

    [Fact]
    public void Huge_values_use_scientific_labels()
    {
        var ticks = AxisTicks.Linear(1.2e6, 3.1e6, 5);

        Assert.Contains("2.0e6", ticks.Labels);
    }

    [Fact]
    public void Non_finite_range_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisTicks.Linear(0, double.NaN));
    }

    [Fact]
    public void Log_ticks_within_two_decades_use_1_2_5_and_snap_the_range()
    {
        var ticks = AxisTicks.Log10(0.011, 0.09);

        Assert.Equal([0.01, 0.02, 0.05, 0.1], ticks.Values);
        Assert.Equal(["0.01", "0.02", "0.05", "0.1"], ticks.Labels);
    }

    [Fact]
    public void Log_ticks_over_many_decades_are_powers_of_ten_with_minor_ticks()
    {
        var ticks = AxisTicks.Log10(3e-4, 20);

        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100], ticks.Values);
        Assert.Equal("0.0001", ticks.Labels[0]);
        Assert.Contains(2e-4, ticks.Minor);
    }

    [Fact]
    public void Log_ticks_thin_out_past_the_label_budget()
    {
        var ticks = AxisTicks.Log10(1e-12, 1e12, maxLabels: 7);

        Assert.True(ticks.Values.Count <= 7);
        Assert.Equal("1e-12", ticks.Labels[0]);
    }

    [Fact]
    public void Log_axis_rejects_non_positive_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisTicks.Log10(0, 1));
    }
}
