using System.Text.Json.Nodes;
using GpuAE.Reproduce;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reproduce;

/// <summary>`gpuae reproduce results`: the README's results block comes from run folders, never typed.</summary>
public sealed class ResultsTablesTests
{
    private static void PresetFolder(string root, string name, string scale, List<ComparisonRow> rows)
    {
        string folder = Path.Combine(root, name + (scale == "quick" ? "-quick" : ""));
        Directory.CreateDirectory(folder);
        ComparisonFiles.Write(folder, name, "a study", scale, rows);
        File.WriteAllText(Path.Combine(folder, ReproduceRunner.RecordFile), new JsonObject
        {
            ["format"] = "gpuae-reproduce/1", ["experiment"] = name, ["paper"] = "Ogety report", ["scale"] = scale, ["recipe"] = "paper",
            ["seeds"] = new JsonArray(1, 2), ["device"] = "Test CPU (managed)", ["machine"] = "Test machine, 2 cores", ["started_utc"] = "2026-12-04T10:00:00Z",
            ["wall_seconds"] = 754.0,
        }.ToJsonString());
    }

    [Fact]
    public void The_block_names_machine_device_and_time_and_puts_each_number_beside_the_papers()
    {
        using var dir = new TempDirectory();
        PresetFolder(dir.Path, "stacked-lr", "full", [ComparisonRow.Reported("lr=0.1", "test accuracy (%)", 72, "Table 1", 71.25), ComparisonRow.FigureOf("Fig. 6", "plot", "a.svg")]);
        string md = ResultsTables.Markdown(ResultsTables.Find(dir.Path), "runs/x");
        Assert.Contains("#### `stacked-lr` (full, paper recipe, seeds 1, 2)", md);
        Assert.Contains("Test machine, 2 cores, device Test CPU (managed), in 12 min 34 s", md);
        Assert.Contains("| lr=0.1 | test accuracy (%) | 72 | Table 1 | 71.25 |", md);
        Assert.Contains("1 figure of the study redrawn", md);
    }

    [Fact]
    public void Presets_without_a_full_paper_run_are_listed_and_the_gpu_ones_say_they_wait_for_a_gpu()
    {
        using var dir = new TempDirectory();
        PresetFolder(dir.Path, "deep-denoise-classify", "quick", [ComparisonRow.Reported("vgg", "accuracy", 99.08, "Table 2", 90)]);
        string md = ResultsTables.Markdown(ResultsTables.Find(dir.Path), "runs/x");
        Assert.Contains("(--quick, paper recipe", md);
        Assert.Contains("- `deep-denoise-classify`: waits for a GPU", md);
        Assert.Contains("- `dense-lr`: not run in full here yet", md);
    }

    [Fact]
    public void Only_the_text_between_the_markers_is_replaced()
    {
        string readme = $"# Title\nbefore\n{ResultsTables.Begin}\nold numbers\n{ResultsTables.End}\nafter\n";
        string updated = ResultsTables.ReplaceBlock(readme, "new table", "README.md");
        Assert.Equal($"# Title\nbefore\n{ResultsTables.Begin}\n\nnew table\n\n{ResultsTables.End}\nafter\n", updated);
        Assert.Contains("no <!-- reproduce-results:begin", Assert.Throws<FormatException>(() => ResultsTables.ReplaceBlock("# no block", "x", "README.md")).Message);
    }
}
