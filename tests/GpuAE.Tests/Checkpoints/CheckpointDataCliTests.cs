using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Checkpoints;

/// <summary>Commands that read a checkpoint default to the data it was trained on; export and import from the command line.</summary>
public sealed class CheckpointDataCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private GpuaeProcess.Result Run(params string[] args)
    {
        var r = GpuaeProcess.Run(args);
        output.WriteLine($"gpuae {string.Join(' ', args)} -> {r.ExitCode}\n{r.Stdout}{r.Stderr}");
        return r;
    }

    [Fact]
    public void Eval_of_an_mnist_checkpoint_uses_mnist_unless_told_otherwise()
    {
        if (!RealData.Require(output, "mnist", "fashion-mnist")) return;
        string run = _dir.File("run");
        Assert.Equal(0, Run("train", "--model", "conv-mnist", "--dataset", "mnist", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
            "--data-dir", RealData.DataDir, "--out", run, "--device", "cpu", "--quiet").ExitCode);
        string checkpoint = Path.Combine(run, "model.gae");

        var byDefault = Run("eval", "--checkpoint", checkpoint, "--data-dir", RealData.DataDir, "--test-limit", "32", "--device", "cpu");
        var asked = Run("eval", "--checkpoint", checkpoint, "--dataset", "fashion-mnist", "--data-dir", RealData.DataDir, "--test-limit", "32", "--device", "cpu");

        Assert.Equal(0, byDefault.ExitCode);
        Assert.Contains("dataset: mnist, the data model.gae was trained on (--dataset to change)", byDefault.Stdout);
        Assert.Contains("conv-mnist on mnist test (32 images), noise gaussian:0.5", byDefault.Stdout);
        Assert.Equal(0, asked.ExitCode);
        Assert.Contains($"note: {checkpoint} was trained on mnist; using fashion-mnist as asked", asked.Stdout);
        Assert.Contains("conv-mnist on fashion-mnist test", asked.Stdout);
    }

    [Fact]
    public void A_checkpoint_that_records_no_data_means_fashion_mnist_with_a_note()
    {
        if (!RealData.Require(output, "fashion-mnist")) return;
        string checkpoint = Untrained("dense", _dir.File("old.gae"));

        var r = Run("eval", "--checkpoint", checkpoint, "--data-dir", RealData.DataDir, "--test-limit", "16", "--device", "cpu");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("does not record its training data (written by an older GpuAE); using fashion-mnist", r.Stdout);
        Assert.Contains("noise mask:0.2", r.Stdout);
    }

    [Fact]
    public void Export_and_import_round_trip_from_the_command_line()
    {
        string checkpoint = Untrained("conv-linear", _dir.File("m.gae"));

        var export = Run("export", "--checkpoint", checkpoint, "--out", _dir.File("m.safetensors"));
        var import = Run("import", "--safetensors", _dir.File("m.safetensors"), "--out", _dir.File("back.gae"));

        Assert.Equal((0, 0), (export.ExitCode, import.ExitCode));
        Assert.Contains("conv-linear, 32 tensors (float32), the model config in __metadata__", export.Stdout);
        Assert.Equal(File.ReadAllBytes(checkpoint), File.ReadAllBytes(_dir.File("back.gae")));
    }

    [Fact]
    public void Import_of_a_file_without_metadata_builds_the_model_named_on_the_command_line()
    {
        string checkpoint = Untrained("dense", _dir.File("m.gae"), hidden: 5);
        var tensors = Checkpoint.Read(checkpoint).Tensors.Select(t => new Safetensors.Tensor(t.Name, t.Shape, t.Data)).ToList();
        File.WriteAllBytes(_dir.File("bare.safetensors"), Safetensors.Write(tensors, new Dictionary<string, string>()));

        CliAssert.OneLineUsageError(Run("import", "--safetensors", _dir.File("bare.safetensors"), "--out", _dir.File("x.gae")), "give --model NAME");
        var r = Run("import", "--safetensors", _dir.File("bare.safetensors"), "--out", _dir.File("x.gae"), "--model", "dense", "--hidden", "5");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("as --model describes it", r.Stdout);
    }

    [Fact]
    public void Bad_exchange_inputs_are_one_line_each()
    {
        string checkpoint = Untrained("dense", _dir.File("m.gae"), hidden: 5);
        File.WriteAllBytes(_dir.File("junk.safetensors"), [9, 0, 0, 0, 0, 0, 0, 0, (byte)'{', 1, 2]);

        CliAssert.OneLineUsageError(Run("export", "--checkpoint", checkpoint, "--out", _dir.File("m.bin")), "must end in .safetensors");
        CliAssert.OneLineUsageError(Run("import", "--safetensors", _dir.File("junk.safetensors"), "--out", _dir.File("x.gae")), "junk.safetensors: declares a 9-byte header");
        CliAssert.OneLineUsageError(Run("encode", "--checkpoint", checkpoint, "--out", _dir.File("codes.txt")), "codes are written as .csv or .npy");
        CliAssert.OneLineUsageError(Run("tsne", "--checkpoint", checkpoint, "--codes", _dir.File("c.csv")), "give one of them");
        Assert.False(File.Exists(_dir.File("x.gae")));
    }

    private static string Untrained(string model, string path, int hidden = 1000)
    {
        using var acc = new CpuAccelerator();
        var config = new ModelConfig { Name = model, Hidden = hidden };
        using var network = ModelCatalog.Create(config);
        network.Build(acc, new TensorShape(1, 28, 28), 2, seed: 1);
        Checkpoint.Save(path, config, network);
        return path;
    }
}
