using GpuAE.Cli.Commands;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Tests.Training;

/// <summary>Each model trains by default with its study's recipe; options given on the command line override it.</summary>
public sealed class RecipeTests
{
    public static TheoryData<string> Models() => [.. ModelCatalog.All.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_catalog_model_has_a_recipe_that_fits_its_task(string model)
    {
        var entry = ModelCatalog.Find(model);
        var recipe = ModelRecipes.For(model);
        Assert.Equal(entry.IsClassifier, recipe.Loss == LossKind.SoftmaxCrossEntropy);
        Assert.True(recipe.Epochs > 0 && recipe.Batch > 0 && recipe.LearningRate > 0);
        Assert.False(string.IsNullOrWhiteSpace(recipe.Source));
        Assert.Equal(recipe.Optimizer, TrainingOptions.FromRecipe(model).Validated().Optimizer);
    }

    [Fact]
    public void Conv_keras_trains_with_the_windsor_setting()
    {
        var o = TrainingOptions.FromRecipe("conv-keras");
        Assert.Equal((OptimizerKind.Adam, 1e-3f, LossKind.Mse, "saltpepper:0.1"), (o.Optimizer, o.LearningRate, o.EffectiveLoss, o.Noise.ToString()));
    }

    [Theory]
    [InlineData("dense", OptimizerKind.Sgd, 0.1f, LossKind.Bce, 128, "mask:0.2", 20)]
    [InlineData("conv-mnist", OptimizerKind.Adam, 1e-3f, LossKind.Bce, 64, "gaussian:0.5", 25)]
    [InlineData("conv-linear", OptimizerKind.Adam, 1e-3f, LossKind.Mse, 128, "erase", 20)]
    [InlineData("cnn-keras", OptimizerKind.Adam, 1e-3f, LossKind.Mse, 128, "saltpepper:0.1", 20)]
    [InlineData("resnet-dae", OptimizerKind.Adadelta, 1f, LossKind.Bce, 128, "saltpepper:0.2", 50)]
    [InlineData("vgg-small", OptimizerKind.Adam, 1e-3f, LossKind.SoftmaxCrossEntropy, 32, "none", 10)]
    public void A_studys_settings_are_the_models_defaults(string model, OptimizerKind optimizer, float lr, LossKind loss, int batch, string noise, int epochs)
    {
        var o = new TrainOptions { Model = model }.ToTrainingOptions();
        Assert.Equal((optimizer, lr, loss, batch, noise, epochs), (o.Optimizer, o.LearningRate, o.EffectiveLoss, o.Batch, o.Noise.ToString(), o.Epochs));
    }

    [Fact]
    public void An_option_given_overrides_only_its_part_of_the_recipe()
    {
        var o = new TrainOptions { Model = "conv-keras", LearningRate = 0.01f, Noise = "mask:0.3" }.ToTrainingOptions();
        Assert.Equal((OptimizerKind.Adam, 0.01f, LossKind.Mse, 128, "mask:0.3", 20), (o.Optimizer, o.LearningRate, o.EffectiveLoss, o.Batch, o.Noise.ToString(), o.Epochs));
    }

    [Fact]
    public void The_command_line_is_parsed_into_typed_options_once_and_bad_values_fail_before_data_is_read()
    {
        var e = Assert.Throws<FormatException>(() => new TrainOptions { Model = "dense", Optimizer = "rmsprop" }.ToTrainingOptions());
        Assert.Contains("rmsprop", e.Message);
        Assert.Throws<ArgumentException>(() => new TrainOptions { Model = "dense", LearningRate = -1 }.ToTrainingOptions());
        Assert.Throws<ArgumentException>(() => new TrainOptions { Model = "lenet", Loss = "mse" }.ToTrainingOptions());
        Assert.Equal(LearningRateSchedule.Cosine, new TrainOptions { Model = "dense", LrSchedule = "cosine" }.ToTrainingOptions().LrSchedule);
    }

    [Fact]
    public void Typed_options_are_written_as_the_text_the_command_line_takes()
    {
        var o = TrainingOptions.FromRecipe("vgg-small") with { Loss = LossKind.SoftmaxCrossEntropy };
        var json = System.Text.Json.JsonSerializer.SerializeToNode(o)!;
        Assert.Equal(("none", "adam", "cosine", "softmax-ce"), ((string?)json["Noise"], (string?)json["Optimizer"], (string?)json["LrSchedule"], (string?)json["Loss"]));
        Assert.Equal(o, System.Text.Json.JsonSerializer.Deserialize<TrainingOptions>(json.ToJsonString()));
    }
}
