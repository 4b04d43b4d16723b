namespace GpuAE.Data;

/// <summary>A dataset's files are not on disk (or the dataset name is unknown); the message says what to run.</summary>
public sealed class DatasetNotFoundException : Exception
{
    public DatasetNotFoundException(string message) : base(message) { }
}
