using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Stacked;

/// <summary>`gpuae stacked` mistakes: one line on stderr, exit 2, before any training.</summary>
public sealed class StackedCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void A_layer_list_with_a_word_in_it_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("stacked", "--layers", "500,big,100"), "--layers '500,big,100': 'big' is not a positive integer");

    [Fact]
    public void A_zero_layer_width_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("stacked", "--layers", "500,0"), "'0' is not a positive integer");

    [Fact]
    public void An_unknown_finetune_mode_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("stacked", "--finetune", "some"), "--finetune 'some': use none, softmax or all");

    [Fact]
    public void A_bad_labels_per_class_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("stacked", "--labels-per-class", "-3"), "--labels-per-class '-3'");

    [Fact]
    public void Self_training_with_every_label_is_a_one_line_error() =>
        CliAssert.OneLineUsageError(GpuaeProcess.Run("stacked", "--finetune", "all", "--self-training", "2"), "--self-training needs unlabelled images");

    [Fact]
    public void More_labels_per_class_than_the_training_pool_holds_is_a_one_line_error()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        CliAssert.OneLineUsageError(GpuaeProcess.Run("stacked", "--data-dir", RealData.DataDir, "--train-limit", "50", "--labels-per-class", "20"),
            "--labels-per-class 20: class");
    }
}
