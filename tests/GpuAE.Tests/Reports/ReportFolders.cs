using System.Text.Json.Nodes;
using GpuAE.Plots;

namespace GpuAE.Tests.Reports;

/// <summary>Small but real run, t-SNE and sweep folders (valid PNG and SVG content) in a temporary directory.</summary>
internal sealed class ReportFolders : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("gpuae-report-").FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public string AddRun(string name, double psnrDenoised, string noise = "mask:0.2")
    {
        string dir = Path(name);
        Directory.CreateDirectory(dir);
        var summary = new JsonObject
        {
            ["format"] = "gpuae-summary/1",
            ["configuration"] = new JsonObject { ["Model"] = "dense", ["Noise"] = noise, ["Epochs"] = 2, ["Out"] = name },
            ["model"] = new JsonObject { ["Name"] = "dense", ["Hidden"] = 16 },
            ["optimizer"] = "sgd", ["parameters"] = 25888, ["epochs"] = 2,
            ["final"] = new JsonObject { ["Images"] = 10, ["Noise"] = noise, ["PsnrNoisy"] = 14.5, ["PsnrDenoised"] = psnrDenoised, ["SsimNoisy"] = 0.5, ["SsimDenoised"] = 0.7 },
        };
        File.WriteAllText(System.IO.Path.Combine(dir, "summary.json"), summary.ToJsonString());
        File.WriteAllText(System.IO.Path.Combine(dir, "metrics.csv"),
            "epoch,train_loss,test_loss,test_mse,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised,seconds,images_per_s\n" +
            $"1,0.4,0.35,0.03,14.5,{psnrDenoised - 1},0.5,0.6,3.1,3185\n2,0.33,0.32,0.02,14.5,{psnrDenoised},0.5,0.7,2.2,4511\n");
        File.WriteAllBytes(System.IO.Path.Combine(dir, "samples.png"), Imaging.TestImageFiles.GrayPng(TestData.Images(1, 28, 84, 1), 84, 28));
        new LineChart { Title = "Loss per epoch" }.AddSeries("train", [1.0, 2.0], [0.4, 0.33]).Save(System.IO.Path.Combine(dir, "loss"));
        return dir;
    }

    public string AddTsne(string name, double trustworthiness)
    {
        string dir = Path(name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, "summary.json"),
            new JsonObject { ["format"] = "gpuae-tsne/1", ["model"] = "dense", ["n"] = 3, ["trustworthiness_k5"] = trustworthiness }.ToJsonString());
        new ScatterChart { Title = "t-SNE" }.AddLabelledPoints([0.0, 1, 2], [0.0, 1, 0], [0, 1, 1]).Save(System.IO.Path.Combine(dir, "tsne"));
        return dir;
    }

    public string AddSweep(string name)
    {
        string dir = Path(name);
        Directory.CreateDirectory(dir);
        var lines = new List<string> { "train_noise,test_noise,psnr_denoised" };
        foreach (var train in new[] { "none", "mask:0.3" })
            foreach (var test in new[] { "mask:0.1", "mask:0.3", "mask:0.5" })
                lines.Add($"{train},{test},{20 - (test == train ? 0 : 2)}");
        File.WriteAllText(System.IO.Path.Combine(dir, "results.csv"), string.Join("\n", lines) + "\n");
        return dir;
    }
}
