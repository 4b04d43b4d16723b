using System.Text;
using System.Text.Json;
using GpuAE.Compute.Cpu;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Reports;
using GpuAE.Training;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// What `gpuae report` reads: a denoiser's and a classifier's run folder (summary.json,
/// metrics.csv), a sweep's results.csv, a t-SNE folder (summary.json, embedding.csv) and a
/// reproduce preset's comparison.csv. A case mutates one file of one folder (JSON mostly kept
/// parseable) and writes the report of that folder.
/// </summary>
public sealed class ReportTarget : FuzzTarget
{
    public override string Name => "report";

    /// <summary>Every valid file, by "folder/file"; a case's folder gets all of its files, one of them mutated.</summary>
    private static Dictionary<string, byte[]> Files()
    {
        string dir = Directory.CreateTempSubdirectory("gpuae-fuzz-seed-").FullName;
        using var acc = new CpuAccelerator();
        var files = new Dictionary<string, byte[]>();
        var run = new RunFolder(Path.Combine(dir, "run"));
        var evaluations = Enumerable.Range(1, 3).Select(e => new EpochRecord<Evaluation>(e, 0.3 / e, new Evaluation(100, "mask:0.2", 0.29 / e, 0.04, 0.01 / e, 14.7, 18 + e, 0.55, 0.7 + e / 50.0), 2.5, 400)).ToList();
        run.WriteMetrics(evaluations);
        run.WriteSummary(new TrainingOptions(), acc, new TrainingResult<Evaluation>(new ModelConfig { Name = "dense" }, evaluations, evaluations[^1].Test, 1000, 7.5), "sgd");
        var classifier = new RunFolder(Path.Combine(dir, "classifier"));
        var confusion = new ConfusionMatrix(3, [0, 1, 2, 2, 1, 0], [0, 1, 2, 1, 1, 0]);
        var records = Enumerable.Range(1, 2).Select(e => new EpochRecord<ClassificationResult>(e, 1.0 / e, new ClassificationResult(confusion, 0.5), 2, 300)).ToList();
        classifier.WriteMetrics(records);
        classifier.WriteClassifierSummary(JsonSerializer.SerializeToNode(new TrainingOptions { Model = "lenet" }), acc, 500,
            new FitResult<ClassificationResult>(records, records[^1].Test, 4), 0.9, ["a", "b", "c"]);
        foreach (var folder in new[] { "run", "classifier" })
            foreach (var file in new[] { "summary.json", "metrics.csv" })
                files[$"{folder}/{file}"] = File.ReadAllBytes(Path.Combine(dir, folder, file));
        Directory.Delete(dir, recursive: true);

        var results = new StringBuilder("cell,lr,train_noise,test_noise,train_loss,test_loss,mse_noisy,mse_denoised,psnr_noisy,psnr_denoised,ssim_noisy,ssim_denoised,status,train_seconds\n");
        for (int cell = 0; cell < 2; cell++)
            foreach (var noise in new[] { "mask:0.2", "mask:0.5" })
                results.Append($"{cell},{0.1 * (cell + 1)},mask:0.2,{noise},0.3,0.28,0.04,0.01,14.7,{20 + cell},0.55,0.8,ok,3.5\n");
        files["sweep/results.csv"] = Encoding.UTF8.GetBytes(results.ToString());
        files["tsne/summary.json"] = Encoding.UTF8.GetBytes("""{"format":"gpuae-tsne/1","run":"r","model":"dense","dataset":"mnist","code_dimension":16,"n":12,"iterations":250,"method":"Exact","learning_rate":200,"kl_divergence":0.5,"trustworthiness_k5":0.9}""");
        var embedding = new StringBuilder("index,label,class,x,y\n");
        for (int i = 0; i < 12; i++) embedding.Append($"{i},{i % 3},\"c{i % 3}\",{Math.Sin(i):G7},{Math.Cos(i):G7}\n");
        files["tsne/embedding.csv"] = Encoding.UTF8.GetBytes(embedding.ToString());
        files["preset/comparison.csv"] = Encoding.UTF8.GetBytes("experiment,setting,quantity,paper,gpuae,note\ndense-lr,\"lr 0.1\",cost,0.31,0.3186,\"\"\ndense-lr,\"lr 0.2\",cost,,0.32,\"not reported\"\n");
        return files;
    }

    private readonly Lazy<Dictionary<string, byte[]>> _files = new(Files);

    public override IReadOnlyList<Seed> Seeds() => [.. _files.Value.Select(f => new Seed(f.Key, f.Value))];

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all) =>
        seed.Name.EndsWith(".json") && r.Next(3) > 0 ? JsonMutator.Mutate(seed.Bytes, r) : base.Mutate(seed, r, all);

    public override void Read(string folder, Seed seed, byte[] input)
    {
        string group = seed.Name[..seed.Name.IndexOf('/')];
        foreach (var (name, bytes) in _files.Value.Where(f => f.Key.StartsWith(group + "/")))
        {
            string path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, name == seed.Name ? input : bytes);
        }
        HtmlReport.Write(Path.Combine(folder, group), Path.Combine(folder, "report.html"));
    }
}
