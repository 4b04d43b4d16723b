namespace GpuAE.Tests;

/// <summary>An output sink for code that needs an ITestOutputHelper outside a test (theory data).</summary>
public sealed class NullOutput : ITestOutputHelper
{
    public static readonly NullOutput Instance = new();
    public string Output => "";
    public void Write(string message) { }
    public void Write(string format, params object[] args) { }
    public void WriteLine(string message) { }
    public void WriteLine(string format, params object[] args) { }
}
