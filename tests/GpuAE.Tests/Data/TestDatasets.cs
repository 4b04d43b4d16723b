using System.Globalization;
using GpuAE.Tests.Imaging;

namespace GpuAE.Tests.Data;

/// <summary>Small datasets of your-own-data layouts on disk: Kaggle CSV files and image folders.</summary>
public static class TestDatasets
{
    /// <summary>A CSV file with a header and one row per image: label i % classes, images with a bright disc (TestData.Images).</summary>
    public static string Csv(string path, int count, int side = 28, int classes = 10, int seed = 1)
    {
        var images = TestData.Images(count, side, side, seed);
        var lines = new List<string> { "label," + string.Join(",", Enumerable.Range(1, side * side).Select(i => $"pixel{i}")) };
        for (int i = 0; i < count; i++)
            lines.Add((i % classes).ToString(CultureInfo.InvariantCulture) + "," +
                string.Join(",", images.AsSpan(i * side * side, side * side).ToArray().Select(v => ((int)MathF.Round(v * 255)).ToString(CultureInfo.InvariantCulture))));
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>name_train.csv and name_test.csv in a folder; returns the train file's path.</summary>
    public static string CsvPair(string dir, string name, int trainCount, int testCount, int side = 28, int classes = 10)
    {
        Csv(Path.Combine(dir, name + "_test.csv"), testCount, side, classes, seed: 2);
        return Csv(Path.Combine(dir, name + "_train.csv"), trainCount, side, classes, seed: 1);
    }

    /// <summary>
    /// DIR/train/&lt;class&gt;/i.png and DIR/test/&lt;class&gt;/i.png, perClass gray PNGs of side x side per class
    /// and split (a bright disc, different per image); returns DIR.
    /// </summary>
    public static string ImageFolder(string dir, IReadOnlyList<string> classes, int trainPerClass, int testPerClass, int side)
    {
        int seed = 1;
        foreach (var (split, perClass) in new[] { ("train", trainPerClass), ("test", testPerClass) })
            foreach (var name in classes)
            {
                string folder = Directory.CreateDirectory(Path.Combine(dir, split, name)).FullName;
                for (int i = 0; i < perClass; i++)
                    TestImageFiles.SaveGrayPng(Path.Combine(folder, $"{i:D3}.png"), TestData.Images(1, side, side, seed++), side, side);
            }
        return dir;
    }
}
