using System.Security.Cryptography;
using System.Text;
using GpuAE.Data;
using GpuAE.Imaging;
using GpuAE.Tests.Imaging;

namespace GpuAE.Tests.Data;

public sealed class ImageFolderReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Folder(int trainPerClass = 2, int testPerClass = 1, int side = 8, params string[] classes) =>
        TestDatasets.ImageFolder(_dir.File("pets"), classes.Length == 0 ? ["dog", "cat"] : classes, trainPerClass, testPerClass, side);

    [Fact]
    public void Class_names_are_the_class_folders_of_both_splits_in_ordinal_order()
    {
        string dir = Folder();
        Directory.CreateDirectory(Path.Combine(dir, "test", "bird"));

        Assert.Equal(["bird", "cat", "dog"], ImageFolderReader.ClassNames(dir));
    }

    [Fact]
    public void Reads_a_split_as_gray_images_labelled_by_their_class_folder_interleaved_by_class()
    {
        string dir = Folder(trainPerClass: 2);

        var (data, _, _) = ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir));

        Assert.Equal((4, 8, 8), (data.Count, data.Height, data.Width));
        Assert.Equal([0, 1, 0, 1], data.Labels); // cat/000, dog/000, cat/001, dog/001
        var expected = ImageFiles.Load(Path.Combine(dir, "train", "dog", "001.png")).Pixels;
        Assert.Equal(expected, data.Image(3).ToArray());
    }

    [Fact]
    public void Pixels_are_8_bit_levels_over_255_also_for_colour_images()
    {
        string dir = Folder(side: 4);
        File.WriteAllBytes(Path.Combine(dir, "train", "cat", "000.png"), TestImageFiles.ColourPng([.. Enumerable.Range(0, 48).Select(i => (byte)(i * 5))], 4, 4, channels: 3));

        var (data, _, _) = ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir));

        Assert.All(data.Images, v => Assert.Equal(v, MathF.Round(v * 255) / 255f));
    }

    [Fact]
    public void An_image_of_another_size_is_an_error_naming_it_and_the_first_image()
    {
        string dir = Folder();
        string odd = Path.Combine(dir, "train", "dog", "001.png");
        TestImageFiles.SaveGrayPng(odd, TestData.Images(1, 10, 10, 3), 10, 10);

        var e = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir)));

        Assert.Contains(odd, e.Message);
        Assert.Contains("is 10x10, but", e.Message);
        Assert.Contains("000.png is 8x8", e.Message);
        Assert.Contains("--resize N", e.Message);
    }

    [Fact]
    public void A_size_to_resample_to_takes_images_of_any_size()
    {
        string dir = Folder();
        TestImageFiles.SaveGrayPng(Path.Combine(dir, "train", "dog", "001.png"), TestData.Images(1, 10, 10, 3), 10, 10);

        var (data, _, _) = ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir), resize: 6);

        Assert.Equal((6, 6), (data.Height, data.Width));
    }

    [Fact]
    public void Files_that_are_not_images_are_skipped_and_counted()
    {
        string dir = Folder();
        File.WriteAllText(Path.Combine(dir, "train", "cat", "notes.txt"), "not an image");

        var (data, _, skipped) = ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir));

        Assert.Equal((4, 1), (data.Count, skipped));
    }

    [Fact]
    public void A_corrupt_image_is_an_error_naming_its_file()
    {
        string dir = Folder();
        string bad = Path.Combine(dir, "test", "cat", "000.png");
        File.WriteAllBytes(bad, [.. File.ReadAllBytes(bad).Take(30)]);

        var e = Assert.Throws<ImageFormatException>(() => ImageFolderReader.Read(dir, "test", ImageFolderReader.ClassNames(dir)));

        Assert.StartsWith(bad + ": ", e.Message);
    }

    [Fact]
    public void A_split_without_images_is_an_error()
    {
        string dir = Folder(testPerClass: 0);

        var e = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(dir, "test", ImageFolderReader.ClassNames(dir)));

        Assert.Contains("holds no images", e.Message);
    }

    [Fact]
    public void The_record_hashes_every_image_as_sha256sum_lines_in_path_order()
    {
        string dir = Folder(trainPerClass: 1);

        var (_, record, _) = ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir));

        string Line(string relative) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, "train", relative)))) + "  " + relative + "\n";
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Line("cat/000.png") + Line("dog/000.png"))));
        Assert.Equal((expected, DataFileRecord.Tree, 2), (record.Sha256, record.Hashed, record.Images));
        Assert.Equal(new FileInfo(Path.Combine(dir, "train", "cat", "000.png")).Length + new FileInfo(Path.Combine(dir, "train", "dog", "000.png")).Length, record.Bytes);
    }

    [Fact]
    public void The_tree_hash_changes_when_an_image_is_renamed()
    {
        string dir = Folder(trainPerClass: 1);
        var before = ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir)).Record.Sha256;
        File.Move(Path.Combine(dir, "train", "cat", "000.png"), Path.Combine(dir, "train", "cat", "001.png"));

        Assert.NotEqual(before, ImageFolderReader.Read(dir, "train", ImageFolderReader.ClassNames(dir)).Record.Sha256);
    }
}
