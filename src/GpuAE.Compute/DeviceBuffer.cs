namespace GpuAE.Compute;

/// <summary>
/// A block of float32 memory owned by one accelerator (ILGPU's MemoryBuffer, reduced to what
/// GpuAE needs). Layers hold buffers and pass them to the accelerator's ops; only the
/// accelerator that made a buffer may read or write it.
/// </summary>
public abstract class DeviceBuffer : IDisposable
{
    protected DeviceBuffer(Accelerator accelerator, int length)
    {
        Accelerator = accelerator;
        Length = length;
    }

    public Accelerator Accelerator { get; }

    /// <summary>Number of float elements.</summary>
    public int Length { get; }

    public long SizeInBytes => (long)Length * sizeof(float);

    public bool IsDisposed { get; private set; }

    /// <summary>Copies host data into this buffer from element offset on.</summary>
    public void Upload(ReadOnlySpan<float> source, int offset = 0) => Accelerator.Upload(source, this, offset);

    /// <summary>Copies the first destination.Length elements (from offset) back to the host.</summary>
    public void Download(Span<float> destination, int offset = 0) => Accelerator.Download(this, destination, offset);

    /// <summary>Downloads the whole buffer into a new array; for tests, checkpoints and metrics.</summary>
    public float[] ToArray()
    {
        var host = new float[Length];
        Download(host);
        return host;
    }

    public void Dispose()
    {
        if (IsDisposed) return;
        Accelerator.Release(this);
        IsDisposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the memory; called once, by the owning accelerator under its gate.</summary>
    protected internal abstract void FreeMemory();
}
