using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GpuAE.Checkpoints;
using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Models;

namespace GpuAE.Tests.Checkpoints;

/// <summary>Checkpoints (format 2) remember what their model was trained on; format 1 still loads; other input sizes load where the model allows.</summary>
public sealed class CheckpointTrainingDataTests : IDisposable
{
    private readonly CpuAccelerator _acc = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gpuae-ckpt2-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TrainingData Shoes = new()
    {
        Dataset = new DatasetOrigin
        {
            Name = "shoes", Kind = DatasetOrigin.Csv, Location = "/data/shoes_train.csv", TestLocation = "/data/shoes_test.csv", Split = "train",
            Files = [new DataFileRecord("/data/shoes_train.csv", 1234, new string('a', 64), DataFileRecord.WholeFile)],
            ClassNames = ["boot", "sandal"], ImageSize = 28,
        },
        ImageHeight = 28, ImageWidth = 28, ClassNames = ["boot", "sandal"], Noise = "gaussian:0.5",
    };

    private Network Built(ModelConfig config, int side = 28, ulong seed = 3)
    {
        var network = ModelCatalog.Create(config);
        network.Build(_acc, new TensorShape(1, side, side), 4, seed);
        return network;
    }

    [Fact]
    public void The_training_data_is_read_back_as_saved()
    {
        var config = new ModelConfig { Name = "dense", Hidden = 9 };
        using var network = Built(config);
        string path = Path.Combine(_dir, "m.gae");
        Checkpoint.Save(path, config, network, Shoes);

        var read = Checkpoint.ReadTrainingData(path)!;

        Assert.Equal(JsonSerializer.Serialize(Shoes), JsonSerializer.Serialize(read));
        Assert.Equal("pixel/255", read.Normalisation);
    }

    [Fact]
    public void A_checkpoint_without_training_data_reads_none()
    {
        var config = new ModelConfig { Name = "dense", Hidden = 9 };
        using var network = Built(config);
        string path = Path.Combine(_dir, "m.gae");
        Checkpoint.Save(path, config, network);

        Assert.Null(Checkpoint.ReadTrainingData(path));
    }

    [Fact]
    public void A_version_1_checkpoint_still_loads_with_the_same_outputs_and_no_training_data()
    {
        var config = new ModelConfig { Name = "conv-linear" };
        using var network = Built(config);
        string path = Path.Combine(_dir, "old.gae");
        File.WriteAllBytes(path, Version1Bytes(config, network));

        var (loadedConfig, loaded) = Checkpoint.Load(path, _acc, 4);

        using (loaded)
        {
            var input = TestData.Images(4, 28, 28, 5);
            Assert.Equal(config, loadedConfig);
            Assert.Equal(Outputs(network, input), Outputs(loaded, input));
            Assert.Null(Checkpoint.ReadTrainingData(path));
        }
    }

    [Fact]
    public void A_later_version_is_rejected_naming_the_versions_read()
    {
        var config = new ModelConfig { Name = "dense", Hidden = 9 };
        using var network = Built(config);
        var bytes = Version1Bytes(config, network);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        string path = Path.Combine(_dir, "future.gae");
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadConfig(path));

        Assert.Contains("has version 3; this GpuAE reads versions 1 and 2", e.Message);
    }

    [Fact]
    public void A_fully_convolutional_model_loads_for_another_image_size_with_the_same_weights()
    {
        var config = new ModelConfig { Name = "conv-mnist" };
        using var network = Built(config);
        string path = Path.Combine(_dir, "conv.gae");
        Checkpoint.Save(path, config, network, Shoes);

        var (_, at16) = Checkpoint.Load(path, _acc, 4, new TensorShape(1, 16, 16));

        using (at16)
        {
            Assert.Equal(new TensorShape(1, 16, 16), at16.OutputShape);
            Assert.Equal(network.Parameters.First().Value.ToArray(), at16.Parameters.First().Value.ToArray());
        }
    }

    [Fact]
    public void A_dense_model_at_another_image_size_is_an_error_naming_both_sizes()
    {
        var config = new ModelConfig { Name = "dense", Hidden = 9 };
        using var network = Built(config);
        string path = Path.Combine(_dir, "dense.gae");
        Checkpoint.Save(path, config, network);

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, _acc, 4, new TensorShape(1, 32, 32)));

        Assert.Contains("model dense was trained on 28x28 images and cannot take 32x32 images", e.Message);
        Assert.Contains("--resize 28", e.Message);
    }

    [Fact]
    public void An_autoencoder_that_would_not_give_back_the_input_size_is_an_error()
    {
        var config = new ModelConfig { Name = "conv-keras" };
        using var network = Built(config);
        string path = Path.Combine(_dir, "keras.gae");
        Checkpoint.Save(path, config, network);

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, _acc, 4, new TensorShape(1, 32, 32)));

        Assert.Contains("cannot take 32x32 images (it would turn them into 28x28 images)", e.Message);
    }

    [Fact]
    public void A_tensor_name_of_control_characters_is_shown_escaped()
    {
        Assert.Equal("a\\u0000b\\u001b", GpuAE.Text.Printable.Of("a\0b\u001b"));
        Assert.Equal(new string('x', 60) + "...", GpuAE.Text.Printable.Of(new string('x', 100)));
    }

    private float[] Outputs(Network network, float[] input)
    {
        using var x = _acc.Allocate(input);
        return network.Forward(x, 4, training: false).ToArray();
    }

    /// <summary>The format GpuAE wrote before checkpoints recorded their training data: no training-data block, version 1.</summary>
    private static byte[] Version1Bytes(ModelConfig config, Network network)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write("GPUAECKP"u8.ToArray());
        w.Write(1u);
        var json = JsonSerializer.SerializeToUtf8Bytes(config);
        w.Write((uint)json.Length);
        w.Write(json);
        var tensors = Checkpoint.NamedTensors(network).ToList();
        w.Write((uint)tensors.Count);
        foreach (var (name, shape, value) in tensors)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write((ushort)nameBytes.Length);
            w.Write(nameBytes);
            w.Write((byte)shape.Length);
            foreach (int d in shape) w.Write(d);
            foreach (float v in value.ToArray()) w.Write(v);
        }
        w.Flush();
        w.Write(Crc32.Compute(ms.ToArray()));
        return ms.ToArray();
    }
}
