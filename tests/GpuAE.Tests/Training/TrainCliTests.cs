using System.Text.Json.Nodes;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Training;

/// <summary>`gpuae train` with only a model trains with the model's recipe, says so, and records the typed options as text.</summary>
public sealed class TrainCliTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_without_options_uses_the_models_recipe_and_says_which_values_came_from_it()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string dir = Directory.CreateTempSubdirectory("gpuae-recipe-").FullName;
        try
        {
            var r = GpuaeProcess.Run("train", "--model", "conv-keras", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
                "--data-dir", RealData.DataDir, "--out", dir, "--device", "cpu");
            output.WriteLine(r.Stdout + r.Stderr);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("settings: adam lr 0.001 (recipe), loss mse (recipe), batch 128 (recipe), noise saltpepper:0.1 (recipe), 1 epoch", r.Stdout);
            Assert.Contains("epoch 1/1  train loss", r.Stdout);
            var configuration = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["configuration"]!;
            Assert.Equal(("adam", "saltpepper:0.1", "constant"), ((string?)configuration["Optimizer"], (string?)configuration["Noise"], (string?)configuration["LrSchedule"]));
            Assert.Equal("epoch,train_loss,test_loss,test_mse,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised,seconds,images_per_s",
                File.ReadLines(Path.Combine(dir, "metrics.csv")).First());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
