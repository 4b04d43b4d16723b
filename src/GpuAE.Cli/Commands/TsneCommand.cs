using System.Text.Json.Nodes;
using CommandLine;
using GpuAE.Analysis;
using GpuAE.Checkpoints;
using GpuAE.Noise;

namespace GpuAE.Cli.Commands;

[Verb("tsne", HelpText = "Embed an autoencoder's latent codes of test images in 2-D with t-SNE, or the codes of a file `gpuae encode` wrote (--codes).")]
public sealed class TsneOptions : DatasetOptions, ICommand
{
    [Option("checkpoint", HelpText = "model.gae of a trained autoencoder, whose codes of test images are embedded (default: none; give it or --codes)")] public string? CheckpointPath { get; set; }
    [Option("codes", HelpText = "embed the codes of a file instead: codes.csv or codes.npy from `gpuae encode` (default: none; give it or --checkpoint)")] public string? Codes { get; set; }
    [Option("noise", Default = "none", HelpText = "noise applied before encoding")] public string Noise { get; set; } = "none";
    [Option("count", Default = 2000, HelpText = "number of test images (or rows of --codes) to embed (also --n)")] public int Count { get; set; } = 2000;
    [Option("perplexity", Default = 30.0, HelpText = "effective number of neighbours per point, 0 < p < n")] public double Perplexity { get; set; } = 30;
    [Option("iterations", Default = 1000, HelpText = "gradient-descent iterations of the embedding")] public int Iterations { get; set; } = 1000;
    [Option("seed", Default = 307UL, HelpText = "seed of the noise and of the embedding's start")] public ulong Seed { get; set; } = 307;
    [Option("out", Default = "runs/tsne", HelpText = "folder to write")] public string Out { get; set; } = "runs/tsne";

    public int Run()
    {
        var noise = NoiseSpec.Parse(Noise);
        if (Count < 10) throw new UsageException($"--n must be at least 10, got {Count}");
        if (!(Perplexity > 0) || Perplexity >= Count) throw new UsageException($"--perplexity must be in (0, n={Count}), got {Perplexity}");
        if ((CheckpointPath is null) == (Codes is null)) throw new UsageException("tsne embeds the codes of --checkpoint C or of --codes FILE: give one of them");
        if (CheckpointPath is not null) Checkpoint.ReadConfig(CheckpointPath); // a bad checkpoint is named before the folder is checked
        IO.OutputFolder.RefuseFile(Out, "--out");
        IO.OutputFolder.EnsureWritable(Out);
        var (codes, n, dim, labels, classNames, source) = Codes is not null ? FromFile(Codes) : FromCheckpoint(CheckpointPath!, noise);
        if (Perplexity >= n) throw new UsageException($"--perplexity must be below the number of points ({n}), got {Perplexity}");
        var options = new GpuAE.Analysis.TsneOptions { Perplexity = Perplexity, Iterations = Iterations, Seed = (int)(Seed % int.MaxValue) };
        var result = Tsne.Embed(codes, n, dim, options, new TsneWorkProgress(Output.ProgressDisplay.Console.Update));
        Output.ProgressDisplay.Console.Clear();
        var scores = EmbeddingScores.Compute(codes, result.Embedding, labels, n, dim);
        TsneOutputs.Write(Out, $"t-SNE of {source.Title}", labels, classNames, result, scores, source.Details);
        Console.WriteLine($"KL divergence {result.KlDivergence:F4}, trustworthiness (k=5) {scores.Trustworthiness:F4}, kNN accuracy {scores.KnnAccuracy5:P2} (k=5) {scores.KnnAccuracy10:P2} (k=10), silhouette {scores.Silhouette:F3}; wrote {Path.GetFullPath(Out)}/ (embedding.csv, tsne.png, tsne.svg, summary.json)");
        return 0;
    }

    private sealed record Source(string Title, JsonObject Details);

    private (float[] Codes, int N, int Dim, byte[] Labels, IReadOnlyList<string> ClassNames, Source Source) FromFile(string path)
    {
        if (Dataset is not null || Noise != "none") throw new UsageException("--codes embeds the codes as they are in the file: --dataset and --noise go with --checkpoint");
        var c = CodeFiles.Read(path);
        int n = Math.Min(Count, c.Count);
        Console.WriteLine($"read {Text.Plural.Of(c.Count, "code")} of {c.Dimension} values from {path}; running t-SNE on {n}");
        var details = new JsonObject { ["codes"] = Path.GetFullPath(path), ["code_dimension"] = c.Dimension, ["perplexity"] = Perplexity, ["seed"] = Seed };
        return (c.Values[..(n * c.Dimension)], n, c.Dimension, c.Labels, c.ClassNames, new Source($"codes of {Path.GetFileName(path)}", details));
    }

    private (float[] Codes, int N, int Dim, byte[] Labels, IReadOnlyList<string> ClassNames, Source Source) FromCheckpoint(string checkpoint, NoiseSpec noise)
    {
        UseCheckpointData(checkpoint, Checkpoint.ReadTrainingData(checkpoint));
        var test = LoadSplit("test");
        int n = Math.Min(Count, test.Count);
        using var acc = OpenAccelerator();
        var (config, codes) = LatentCodes.EncodeCheckpoint(acc, checkpoint, test, n, noise, Seed);
        int dim = codes.Length / n;
        Console.WriteLine($"encoded {n} {DatasetName} test images with {config.Name} into {dim}-D codes; running t-SNE");
        var details = new JsonObject
        {
            ["checkpoint"] = checkpoint, ["dataset"] = DatasetName, ["noise"] = Noise, ["model"] = config.Name,
            ["code_dimension"] = dim, ["perplexity"] = Perplexity, ["seed"] = Seed, ["data"] = Data.DatasetOrigin.SummaryJson(test),
        };
        return (codes, n, dim, test.Labels, test.ClassNames, new Source($"{config.Name} codes ({DatasetName} test, noise {Noise})", details));
    }
}
