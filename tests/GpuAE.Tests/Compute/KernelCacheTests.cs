using GpuAE.Compute;
using GpuAE.Compute.Kernels;
using GpuAE.Compute.OpenCl;

namespace GpuAE.Tests.Compute;

public sealed class KernelCacheTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gpuae-cache-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AnEntryReadsBackAsWritten()
    {
        var cache = new KernelCache(_directory);
        cache.Write("k", [1, 2, 3]);
        Assert.Equal([1, 2, 3], cache.TryRead("k"));
    }

    [Fact]
    public void KeysDifferWhenAnyPartDiffers()
    {
        Assert.NotEqual(KernelCache.Key("src", "dev", "1.0", "-DA=1"), KernelCache.Key("src", "dev", "1.0", "-DA=2"));
        Assert.NotEqual(KernelCache.Key("ab", "c"), KernelCache.Key("a", "bc"));
    }

    [Theory]
    [InlineData("flip a payload byte")]
    [InlineData("truncate")]
    [InlineData("garbage header")]
    public void ACorruptEntryIsDeletedAndReadsAsMissing(string damage)
    {
        var cache = new KernelCache(_directory);
        cache.Write("k", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        var path = cache.PathOf("k");
        var bytes = File.ReadAllBytes(path);
        bytes = damage switch
        {
            "flip a payload byte" => bytes.Select((b, i) => i == bytes.Length - 7 ? (byte)(b ^ 0x40) : b).ToArray(),
            "truncate" => bytes[..(bytes.Length - 10)],
            _ => [.. "not a cache entry"u8],
        };
        File.WriteAllBytes(path, bytes);
        Assert.Null(cache.TryRead("k"));
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("bad checksum")]
    [InlineData("verified but not a binary")]
    public void ACorruptOpenClBinaryIsRebuiltFromSource(string damage)
    {
        if (OpenClTestDevice.Find(output) is not var (_, found)) return;
        var device = found.Info;
        var cache = new KernelCache(_directory);
        using (var first = new OpenClDeviceProvider(cache).Open(device)) FillOnce(first); // builds elementwise.cl only
        var entry = Assert.Single(Directory.GetFiles(_directory, "*.bin"));
        string key = Path.GetFileNameWithoutExtension(entry);
        if (damage == "bad checksum") { var bytes = File.ReadAllBytes(entry); bytes[^1] ^= 1; File.WriteAllBytes(entry, bytes); }
        else cache.Write(key, "this is not a program binary"u8);

        using (var second = new OpenClDeviceProvider(cache).Open(device)) FillOnce(second);

        var rebuilt = cache.TryRead(key);
        Assert.NotNull(rebuilt);
        Assert.NotEqual("this is not a program binary"u8.ToArray(), rebuilt);
    }

    private static void FillOnce(Accelerator accelerator)
    {
        using var x = accelerator.Allocate(3);
        accelerator.Fill(x, 3, 4f);
        Assert.Equal([4f, 4f, 4f], x.ToArray());
    }
}
