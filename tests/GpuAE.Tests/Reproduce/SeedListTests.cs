using GpuAE.Reproduce;

namespace GpuAE.Tests.Reproduce;

public sealed class SeedListTests
{
    [Theory]
    [InlineData("3", new ulong[] { 3 })]
    [InlineData("1-5", new ulong[] { 1, 2, 3, 4, 5 })]
    [InlineData("1,3,7", new ulong[] { 1, 3, 7 })]
    [InlineData("2-3, 9", new ulong[] { 2, 3, 9 })]
    public void Seeds_are_single_values_inclusive_ranges_or_lists(string text, ulong[] expected) =>
        Assert.Equal(expected, SeedList.Parse(text));

    [Theory]
    [InlineData("0", "not a positive integer")]
    [InlineData("5-1", "runs backwards")]
    [InlineData("x", "not a positive integer")]
    [InlineData("1,1", "repeats a seed")]
    [InlineData("1-5000", "more than 1000")]
    public void A_bad_seed_list_is_a_one_line_error_naming_it(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => SeedList.Parse(text)).Message);
}
