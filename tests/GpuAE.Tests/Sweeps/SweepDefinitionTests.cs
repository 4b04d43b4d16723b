using GpuAE.Sweeps;
using GpuAE.Training;
using GpuAE.Optimizers;

namespace GpuAE.Tests.Sweeps;

public sealed class SweepDefinitionTests
{
    private static SweepDefinition Definition(params string[] grid) => new()
    {
        Base = new TrainingOptions(),
        Grid = grid.Select(SweepDefinition.ParseAxis).ToList(),
        TrainNoises = ["mask:0.2", "mask:0.7"],
        TestNoises = ["mask:0.2"],
    };

    [Fact]
    public void A_noise_range_expands_inclusively()
    {
        Assert.Equal(["mask:0.2", "mask:0.3", "mask:0.4", "mask:0.5", "mask:0.6", "mask:0.7"],
            SweepDefinition.ParseNoiseList("mask:0.2:0.7:0.1", "--test-noise"));
    }

    [Fact]
    public void A_noise_list_mixes_single_specs_and_ranges() =>
        Assert.Equal(["none", "gaussian:0.1", "gaussian:0.3"], SweepDefinition.ParseNoiseList("none,gaussian:0.1:0.3:0.2", "--test-noise"));

    [Theory]
    [InlineData("mask:0.7:0.2:0.1", "from <= to")]
    [InlineData("mask:0.2:0.7:x", "is not a number")]
    [InlineData("blur:0.1", "unknown kind")]
    public void A_bad_noise_list_is_rejected_with_a_reason(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => SweepDefinition.ParseNoiseList(text, "--test-noise")).Message);

    [Theory]
    [InlineData("depth=3", "unknown key 'depth'")]
    [InlineData("lr", "is not key=v1,v2")]
    [InlineData("hidden=10,abc", "not a positive integer")]
    [InlineData("lr=0.1,0.1", "repeated value")]
    public void A_bad_grid_axis_is_rejected_with_a_reason(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => SweepDefinition.ParseAxis(text)).Message);

    [Fact]
    public void Cells_are_the_product_of_the_grid_and_the_training_noises_in_a_fixed_order()
    {
        var cells = Definition("lr=0.1,0.2,0.3", "hidden=100,500").Cells();
        Assert.Equal(3 * 2 * 2, cells.Count);
        Assert.Equal("lr=0.1,hidden=100,train=mask:0.2", cells[0].Label);
        Assert.Equal("lr=0.1,hidden=100,train=mask:0.7", cells[1].Label);
        Assert.Equal("lr=0.3,hidden=500,train=mask:0.7", cells[^1].Label);
        Assert.Equal(cells.Count, cells.Select(c => c.FolderName).Distinct().Count());
    }

    [Fact]
    public void A_cell_overrides_the_base_options()
    {
        var d = Definition("lr=0.3", "hidden=250", "optimizer=adam");
        var o = d.OptionsFor(d.Cells()[1], "x");
        Assert.Equal((0.3f, 250, OptimizerKind.Adam, "mask:0.7", "x"), (o.LearningRate, o.Hidden, o.Optimizer, o.Noise.ToString(), o.Out));
    }

    [Fact]
    public void A_definition_survives_its_json_round_trip()
    {
        var d = Definition("lr=0.1,0.2");
        Assert.True(d.SameSweepAs(SweepDefinition.FromJson(d.ToJson(), "sweep.json")));
        Assert.False(d.SameSweepAs(Definition("lr=0.1,0.3")));
    }

    [Fact]
    public void A_definition_with_a_number_too_large_for_its_setting_is_one_line_naming_the_file()
    {
        // What the fuzz harness found: lr 1e300 reads as float infinity, which cannot be written back to compare sweeps.
        string json = System.Text.RegularExpressions.Regex.Replace(Definition("lr=0.1,0.2").ToJson(), "\"LearningRate\": [^,]+", "\"LearningRate\": -1E+300");
        Assert.Contains("-1E+300", json);
        var e = Assert.Throws<FormatException>(() => SweepDefinition.FromJson(json, "runs/s/sweep.json"));
        Assert.Equal("runs/s/sweep.json: a setting's number is too large for it (it reads as infinity)", e.Message);
    }

    [Fact]
    public void A_grid_of_more_than_the_cell_limit_is_refused_before_any_cell_is_made()
    {
        // What the fuzz harness found: a sweep.json whose grid repeats its axes 18 times (262,144 cells) took seconds to list; 40 would never end.
        var axes = new[] { "lr", "hidden", "batch", "epochs", "momentum" }.Select(key => SweepDefinition.ParseAxis($"{key}={string.Join(",", Enumerable.Range(1, 10))}")).ToList(); // 10^5 x 2 noises
        var e = Assert.Throws<FormatException>(() => SweepDefinition.CheckGrid(axes, 2));
        Assert.Contains("make over 100,000 cells", e.Message);
    }

    [Fact]
    public void A_sweep_json_naming_a_grid_key_twice_is_one_line_naming_the_file()
    {
        var d = Definition("lr=0.1,0.2") with { Grid = [SweepDefinition.ParseAxis("lr=0.1,0.2"), SweepDefinition.ParseAxis("lr=0.3")] };
        var e = Assert.Throws<FormatException>(() => SweepDefinition.FromJson(d.ToJson(), "runs/s/sweep.json"));
        Assert.Equal("runs/s/sweep.json: --grid: the same key is given twice", e.Message);
    }
}
