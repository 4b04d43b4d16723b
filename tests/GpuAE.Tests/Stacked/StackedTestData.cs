using GpuAE.Data;

namespace GpuAE.Tests.Stacked;

/// <summary>Small synthetic 28x28 datasets with every class present, for stacked-autoencoder tests.</summary>
internal static class StackedTestData
{
    /// <summary>n images; image i has label i mod 10 and a class-dependent brightness so classes differ.</summary>
    public static Dataset Images(int n, int seed, string split = "train")
    {
        var images = TestData.Images(n, 28, 28, seed);
        var labels = new byte[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (byte)(i % 10);
            float scale = 0.4f + 0.06f * labels[i];
            for (int p = 0; p < 784; p++) images[i * 784 + p] *= scale;
        }
        return new Dataset("synthetic", split, images, labels, KnownDatasets.DigitClassNames);
    }

    public static string TempFolder(string name) => Path.Combine(Directory.CreateTempSubdirectory("gpuae-stacked-").FullName, name);
}
