using GpuAE.Data;

namespace GpuAE.Tests.Data;

/// <summary>
/// Access to the real datasets under the repository's <c>data/</c> folder for tests. A test calls
/// <see cref="Require"/> first: missing data skips it (reported as skipped by xunit.v3). On CI
/// (environment variable CI=true) missing data fails the test instead, so a broken fetch step
/// cannot hide behind skips.
/// </summary>
public static class RealData
{
    private static readonly Lazy<string?> LazyRepoRoot = new(FindRepoRoot);

    /// <summary>The folder holding GpuAE.sln, found by walking up from the test assembly; null if none.</summary>
    public static string? RepoRoot => LazyRepoRoot.Value;

    /// <summary>The repository's data folder (what <c>gpuae data fetch</c> fills).</summary>
    public static string DataDir => Path.Combine(RepoRoot ?? ".", DatasetStore.DefaultDataDir);

    /// <summary>True when all four IDX files of every named dataset are present (not yet verified); else skips the test.</summary>
    public static bool Require(ITestOutputHelper output, params string[] datasets)
    {
        var missing = datasets.Where(d => !IsPresent(d)).ToList();
        if (missing.Count == 0) return true;
        string message = $"real data missing for {string.Join(", ", missing)} in {DataDir}; run `gpuae data fetch --dataset all`";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
        Assert.Skip(message);
        return false;
    }

    private static bool IsPresent(string dataset) =>
        IdxFileNames.All.All(name =>
        {
            string path = Path.Combine(DataDir, dataset, name);
            return File.Exists(path + IdxFileNames.GzipSuffix) || File.Exists(path);
        });

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GpuAE.sln"))) return dir.FullName;
        return null;
    }
}
