namespace GpuAE.Tests.Cli;

/// <summary>What every user mistake must look like: exit code 2 and one "gpuae: ..." line on stderr, no stack trace.</summary>
public static class CliAssert
{
    public static void OneLineUsageError(GpuaeProcess.Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("gpuae: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr + r.Stdout);
    }
}
