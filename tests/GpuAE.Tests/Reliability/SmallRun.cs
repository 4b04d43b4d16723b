using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Reliability;

/// <summary>Inputs the reliability tests share: a tiny dense checkpoint and a gray 28x28 PGM image, made in a temporary folder.</summary>
public static class SmallRun
{
    /// <summary>A dense autoencoder with 16 hidden units (random weights), saved as a checkpoint.</summary>
    public static string Checkpoint(string folder)
    {
        string path = Path.Combine(folder, "model.gae");
        using var acc = new CpuAccelerator();
        var config = new ModelConfig { Name = "dense", Hidden = 16 };
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, 28, 28), 4, seed: 1);
        GpuAE.Checkpoints.Checkpoint.Save(path, config, network);
        return path;
    }

    /// <summary>A 28x28 binary PGM with a gradient.</summary>
    public static string Image(string folder)
    {
        string path = Path.Combine(folder, "digit.pgm");
        var bytes = new List<byte>(System.Text.Encoding.ASCII.GetBytes("P5\n28 28\n255\n"));
        for (int i = 0; i < 28 * 28; i++) bytes.Add((byte)(i % 256));
        File.WriteAllBytes(path, [.. bytes]);
        return path;
    }

    /// <summary>The common options of a tiny training run on real data.</summary>
    public static string[] TrainArgs(string dataDir, string outFolder, params string[] more) =>
        ["train", "--model", "dense", "--hidden", "16", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
         "--data-dir", dataDir, "--device", "cpu", "--quiet", "--out", outFolder, .. more];
}
