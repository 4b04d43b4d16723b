using System.Text.Json.Nodes;
using GpuAE.Analysis;
using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Tests.Cli;

namespace GpuAE.Tests.Data;

/// <summary>
/// A Kaggle CSV pair (28x28, 10 classes) and an image folder (16x16, 3 classes), each with a conv-mnist
/// trained on it for one epoch by `gpuae train`: the tests check plumbing, not quality.
/// </summary>
public sealed class OwnDataFixture : IDisposable
{
    public TempDirectory Dir { get; } = new();
    public string CsvTrain { get; }
    public string ImageFolder { get; }
    public string CsvRun => Dir.File("csv-run");
    public string ImageRun => Dir.File("image-run");
    public GpuaeProcess.Result CsvTrainResult { get; }
    public GpuaeProcess.Result ImageTrainResult { get; }

    public OwnDataFixture()
    {
        CsvTrain = TestDatasets.CsvPair(Dir.Path, "shoes", trainCount: 40, testCount: 20);
        ImageFolder = TestDatasets.ImageFolder(Dir.File("pets"), ["cat", "dog", "fish"], trainPerClass: 8, testPerClass: 4, side: 16);
        CsvTrainResult = Train(CsvTrain, CsvRun);
        ImageTrainResult = Train(ImageFolder, ImageRun);
    }

    private static GpuaeProcess.Result Train(string dataset, string output) =>
        GpuaeProcess.Run("train", "--model", "conv-mnist", "--dataset", dataset, "--epochs", "1", "--batch", "16", "--out", output, "--device", "cpu", "--quiet");

    public void Dispose() => Dir.Dispose();
}

/// <summary>Your own data from the command line: a CSV pair and an image folder train, evaluate, sweep, encode and embed.</summary>
public sealed class OwnDataCliTests(OwnDataFixture f, ITestOutputHelper output) : IClassFixture<OwnDataFixture>
{
    private GpuaeProcess.Result Run(params string[] args)
    {
        var r = GpuaeProcess.Run(args);
        output.WriteLine($"gpuae {string.Join(' ', args)} -> {r.ExitCode}\n{r.Stdout}{r.Stderr}");
        return r;
    }

    [Fact]
    public void Train_on_a_csv_pair_records_both_files_with_their_sha256()
    {
        Assert.Equal(0, f.CsvTrainResult.ExitCode);
        Assert.Contains("training conv-mnist on CSV", f.CsvTrainResult.Stdout);
        Assert.Contains("(40 train / 20 test images of 28x28)", f.CsvTrainResult.Stdout);
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(f.CsvRun, "summary.json")))!["data"]!;
        foreach (var (split, file) in new[] { ("train", f.CsvTrain), ("test", f.Dir.File("shoes_test.csv")) })
        {
            var record = data[split]!["files"]![0]!;
            Assert.Equal((Path.GetFullPath(file), new FileInfo(file).Length, SyntheticIdx.Sha256(File.ReadAllBytes(file))),
                ((string)record["path"]!, (long)record["bytes"]!, (string)record["sha256"]!));
        }
        Assert.Equal("shoes", (string?)data["train"]!["name"]);
    }

    [Fact]
    public void Eval_of_a_csv_checkpoint_defaults_to_its_csv_pair_and_training_noise_and_says_so()
    {
        var r = Run("eval", "--checkpoint", Path.Combine(f.CsvRun, "model.gae"), "--device", "cpu");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"dataset: CSV {Path.GetFullPath(f.CsvTrain)}, the data model.gae was trained on (--dataset to change)", r.Stdout);
        Assert.Contains("noise: gaussian:0.5, the checkpoint's training noise", r.Stdout);
        Assert.Contains("conv-mnist on shoes test (20 images)", r.Stdout);
    }

    [Fact]
    public void Sweep_runs_on_a_csv_pair()
    {
        string dir = f.Dir.File("csv-sweep");
        var r = Run("sweep", "--model", "conv-mnist", "--dataset", f.CsvTrain, "--epochs", "1", "--batch", "16", "--train-noise", "gaussian:0.5",
            "--test-noise", "gaussian:0.3,gaussian:0.5", "--out", dir, "--device", "cpu", "--quiet");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "results.csv")).Length); // header + one cell at two test noises
    }

    [Fact]
    public void Tsne_embeds_the_codes_of_the_csv_test_split_by_default()
    {
        string dir = f.Dir.File("csv-tsne");
        var r = Run("tsne", "--checkpoint", Path.Combine(f.CsvRun, "model.gae"), "--perplexity", "5", "--iterations", "250", "--out", dir, "--device", "cpu", "--quiet");

        Assert.Equal(0, r.ExitCode);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.Equal(("shoes", 20), ((string?)summary["dataset"], (int)summary["n"]!));
        Assert.Equal(21, File.ReadAllLines(Path.Combine(dir, "embedding.csv")).Length);
    }

    [Fact]
    public void Train_on_an_image_folder_takes_its_size_and_class_folders()
    {
        Assert.Equal(0, f.ImageTrainResult.ExitCode);
        Assert.Contains("(24 train / 12 test images of 16x16)", f.ImageTrainResult.Stdout);
        var training = Checkpoint.ReadTrainingData(Path.Combine(f.ImageRun, "model.gae"))!;
        Assert.Equal(["cat", "dog", "fish"], training.ClassNames);
        Assert.Equal((16, 16, "gaussian:0.5", "images"), (training.ImageHeight, training.ImageWidth, training.Noise, training.Dataset!.Kind));
        Assert.Equal(24, training.Dataset.Files[0].Images);
    }

    [Fact]
    public void Eval_and_sweep_run_on_an_image_folder()
    {
        var eval = Run("eval", "--checkpoint", Path.Combine(f.ImageRun, "model.gae"), "--device", "cpu");
        Assert.Equal(0, eval.ExitCode);
        Assert.Contains($"dataset: image folder {Path.GetFullPath(f.ImageFolder)}, the data model.gae was trained on", eval.Stdout);
        Assert.Contains("conv-mnist on pets test (12 images)", eval.Stdout);

        string dir = f.Dir.File("image-sweep");
        var sweep = Run("sweep", "--model", "conv-mnist", "--dataset", f.ImageFolder, "--epochs", "1", "--batch", "8", "--out", dir, "--device", "cpu", "--quiet");
        Assert.Equal(0, sweep.ExitCode);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "results.csv")).Length);
    }

    [Fact]
    public void Encode_writes_an_image_folders_codes_as_npy_and_tsne_embeds_them()
    {
        string codes = f.Dir.File("pets-codes.npy");
        var encode = Run("encode", "--checkpoint", Path.Combine(f.ImageRun, "model.gae"), "--out", codes, "--device", "cpu");
        Assert.Equal(0, encode.ExitCode);
        var read = CodeFiles.Read(codes);
        Assert.Equal((12, 32 * 4 * 4), (read.Count, read.Dimension)); // conv-mnist's code at 16x16: 32 maps of 4x4
        Assert.Equal(["cat", "dog", "fish"], read.ClassNames);
        Assert.Equal([0, 1, 2, 0], read.Labels[..4]);

        string dir = f.Dir.File("pets-tsne");
        var tsne = Run("tsne", "--codes", codes, "--perplexity", "3", "--iterations", "250", "--out", dir, "--quiet");
        Assert.Equal(0, tsne.ExitCode);
        Assert.Contains("\"fish\"", File.ReadAllText(Path.Combine(dir, "embedding.csv")));
    }

    [Fact]
    public void Encode_of_the_train_split_as_csv_has_a_row_per_image()
    {
        string codes = f.Dir.File("shoes-codes.csv");
        var r = Run("encode", "--checkpoint", Path.Combine(f.CsvRun, "model.gae"), "--split", "train", "--limit", "7", "--layer", "output", "--out", codes, "--device", "cpu");

        Assert.Equal(0, r.ExitCode);
        var lines = File.ReadAllLines(codes);
        Assert.Equal(8, lines.Length);
        Assert.Equal(3 + 784, lines[1].Split(',').Length);
        Assert.Contains("(layer 13: Sigmoid 1x28x28)", r.Stdout); // conv-mnist's output layer (the IJESRT model)
    }

    [Fact]
    public void A_dense_model_on_images_of_another_size_is_one_line_naming_both_sizes()
    {
        string checkpoint = f.Dir.File("dense28.gae");
        using (var acc = new CpuAccelerator())
        {
            var config = new ModelConfig { Name = "dense", Hidden = 8 };
            using var network = ModelCatalog.Create(config);
            network.Build(acc, new TensorShape(1, 28, 28), 2, seed: 1);
            Checkpoint.Save(checkpoint, config, network);
        }

        var r = Run("eval", "--checkpoint", checkpoint, "--dataset", f.ImageFolder, "--device", "cpu");

        CliAssert.OneLineUsageError(r, "model dense was trained on 28x28 images and cannot take 16x16 images");
        Assert.Contains("--resize 28", r.Stderr);
        Assert.Equal(0, Run("eval", "--checkpoint", checkpoint, "--dataset", f.ImageFolder, "--resize", "28", "--device", "cpu").ExitCode);
    }

    [Fact]
    public void A_csv_without_a_test_file_is_one_line_naming_test_dataset()
    {
        string lonely = TestDatasets.Csv(f.Dir.File("lonely_train.csv"), 5);

        CliAssert.OneLineUsageError(Run("train", "--dataset", lonely, "--epochs", "1", "--out", f.Dir.File("x"), "--device", "cpu"),
            "no test split for CSV");
    }

    [Fact]
    public void A_bad_csv_row_is_one_line_naming_the_file_and_line()
    {
        string bad = f.Dir.File("bad_train.csv");
        File.WriteAllText(bad, File.ReadAllText(f.CsvTrain).Replace("\n1,", "\n1,x"));
        File.Copy(f.Dir.File("shoes_test.csv"), f.Dir.File("bad_test.csv"), overwrite: true);

        CliAssert.OneLineUsageError(Run("train", "--dataset", bad, "--epochs", "1", "--out", f.Dir.File("y"), "--device", "cpu"),
            $"{bad}: line 3, column 2 (pixel1): 'x");
    }
}
