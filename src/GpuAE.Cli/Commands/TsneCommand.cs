using System.Text.Json.Nodes;
using CommandLine;
using GpuAE.Analysis;
using GpuAE.Checkpoints;
using GpuAE.Noise;

namespace GpuAE.Cli.Commands;

[Verb("tsne", HelpText = "Embed an autoencoder's latent codes of test images in 2-D with t-SNE.")]
public sealed class TsneOptions : DatasetOptions, ICommand
{
    [Option("checkpoint", Required = true, HelpText = "model.gae of a trained autoencoder")] public string CheckpointPath { get; set; } = "";
    [Option("noise", Default = "none", HelpText = "noise applied before encoding")] public string Noise { get; set; } = "none";
    [Option("count", Default = 2000, HelpText = "number of test images to embed (also --n)")] public int Count { get; set; } = 2000;
    [Option("perplexity", Default = 30.0, HelpText = "effective number of neighbours per point, 0 < p < n")] public double Perplexity { get; set; } = 30;
    [Option("iterations", Default = 1000, HelpText = "gradient-descent iterations of the embedding")] public int Iterations { get; set; } = 1000;
    [Option("seed", Default = 307UL, HelpText = "seed of the noise and of the embedding's start")] public ulong Seed { get; set; } = 307;
    [Option("out", Default = "runs/tsne", HelpText = "folder to write")] public string Out { get; set; } = "runs/tsne";

    public int Run()
    {
        var noise = NoiseSpec.Parse(Noise);
        if (Count < 10) throw new UsageException($"--n must be at least 10, got {Count}");
        if (!(Perplexity > 0) || Perplexity >= Count) throw new UsageException($"--perplexity must be in (0, n={Count}), got {Perplexity}");
        Checkpoint.ReadConfig(CheckpointPath);
        var test = LoadSplit("test");
        int n = Math.Min(Count, test.Count);
        using var acc = OpenAccelerator();
        var (config, codes) = LatentCodes.EncodeCheckpoint(acc, CheckpointPath, test, n, noise, Seed);
        int dim = codes.Length / n;
        Console.WriteLine($"encoded {n} {Dataset} test images with {config.Name} into {dim}-D codes; running t-SNE");
        var options = new GpuAE.Analysis.TsneOptions { Perplexity = Perplexity, Iterations = Iterations, Seed = (int)(Seed % int.MaxValue) };
        var result = Tsne.Embed(codes, n, dim, options, new TsneWorkProgress(Output.ProgressDisplay.Console.Update));
        Output.ProgressDisplay.Console.Clear();
        var scores = EmbeddingScores.Compute(codes, result.Embedding, test.Labels, n, dim);
        Write(test.Labels, test.ClassNames, n, result, scores, config.Name, dim);
        Console.WriteLine($"KL divergence {result.KlDivergence:F4}, trustworthiness (k=5) {scores.Trustworthiness:F4}, kNN accuracy {scores.KnnAccuracy5:P2} (k=5) {scores.KnnAccuracy10:P2} (k=10), silhouette {scores.Silhouette:F3}; wrote {Path.GetFullPath(Out)}/ (embedding.csv, tsne.png, tsne.svg, summary.json)");
        return 0;
    }

    private void Write(byte[] labels, IReadOnlyList<string> classNames, int n, TsneResult r, EmbeddingScores scores, string model, int dim) =>
        TsneOutputs.Write(Out, $"t-SNE of {model} codes ({Dataset} test, noise {Noise})", labels, classNames, r, scores, new JsonObject
        {
            ["checkpoint"] = CheckpointPath, ["dataset"] = Dataset, ["noise"] = Noise, ["model"] = model,
            ["code_dimension"] = dim, ["perplexity"] = Perplexity, ["seed"] = Seed,
        });
}
