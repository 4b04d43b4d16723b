using System.Buffers.Binary;
using System.Text;
using GpuAE.IO;
using GpuAE.Tests.Cli;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Reliability;

/// <summary>Inputs that lie about what they are: messages name the problem without echoing raw bytes, and a damaged IDX file is read as IDX.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void A_crc_valid_checkpoint_with_a_corrupt_tensor_name_is_reported_without_raw_bytes()
    {
        using var dir = new TempDirectory();
        string path = SmallRun.Checkpoint(dir.Path);
        var bytes = File.ReadAllBytes(path);
        int config = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        int data = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16 + config));
        int nameLength = 8 + 4 + 4 + config + 4 + data + 4; // magic, version, config length, config, training-data length, training data, tensor count
        Assert.Equal("0.weight", Encoding.UTF8.GetString(bytes, nameLength + 2, 8));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(nameLength), 600); // the name now runs into the shape and the weights
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        File.WriteAllBytes(path, bytes);

        var r = GpuaeProcess.Run("eval", "--checkpoint", path);
        CliAssert.OneLineUsageError(r, "checkpoint");
        string line = r.Stderr.TrimEnd('\n');
        Assert.DoesNotContain(line, c => c < 0x20 || c == 0x7f || c == '\uFFFD');
        Assert.True(line.Length < 400, $"{line.Length} characters: {line}");
    }

    [Fact]
    public void An_idx_file_with_a_wrong_magic_given_to_denoise_is_named_as_a_bad_idx_file()
    {
        using var dir = new TempDirectory();
        string checkpoint = SmallRun.Checkpoint(dir.Path);
        string idx = dir.File("images.idx");
        File.WriteAllBytes(idx, [0, 0, 9, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[784]]);
        var r = GpuaeProcess.Run("denoise", "--checkpoint", checkpoint, "--input", idx, "--output", dir.File("out.idx"), "--device", "cpu");
        CliAssert.OneLineUsageError(r, "magic number is 0x00000903, expected 0x00000803");
        Assert.DoesNotContain("unknown image type", r.Stderr);
    }
}
