namespace GpuAE.Data;

/// <summary>No source could deliver a dataset whose content matches the manifest; the message lists what was tried.</summary>
public sealed class DatasetFetchException : Exception
{
    public DatasetFetchException(string message, Exception? inner = null) : base(message, inner) { }
}
