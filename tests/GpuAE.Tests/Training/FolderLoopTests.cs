using System.Text.RegularExpressions;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Training;

/// <summary>GpuAE.Core's folders depend on each other one way: no folder reaches back into one that uses it.</summary>
public sealed partial class FolderLoopTests
{
    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(\w+)")]
    private static partial Regex Declaration();

    [Fact]
    public void No_two_core_folders_use_each_other()
    {
        if (RealData.RepoRoot is not string root) { Assert.Skip("the source tree is not beside the tests"); return; }
        string core = Path.Combine(root, "src", "GpuAE.Core");
        var folders = Directory.GetDirectories(core).Select(d => Path.GetFileName(d)!).Where(f => f is not ("bin" or "obj")).ToList();
        var text = folders.ToDictionary(f => f, f => string.Join("\n", Directory.GetFiles(Path.Combine(core, f), "*.cs").Select(File.ReadAllText)));
        var types = folders.ToDictionary(f => f, f => Declaration().Matches(text[f]).Select(m => m.Groups[1].Value).ToHashSet());
        // Folder A uses B when it imports GpuAE.B or names one of B's types as B.Type or GpuAE.B.Type.
        bool Uses(string a, string b) =>
            Regex.IsMatch(text[a], $@"^using GpuAE\.{b};", RegexOptions.Multiline)
            || types[b].Any(t => Regex.IsMatch(text[a], $@"(?<![\w.])(GpuAE\.)?{b}\.{t}\b"));
        var loops = (from a in folders from b in folders
                     where string.CompareOrdinal(a, b) < 0 && Uses(a, b) && Uses(b, a)
                     select $"{a} <-> {b}").ToList();
        Assert.True(loops.Count == 0, "folder loops: " + string.Join(", ", loops));
    }
}
