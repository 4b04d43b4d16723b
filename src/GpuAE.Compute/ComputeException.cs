namespace GpuAE.Compute;

/// <summary>
/// A device-side failure that a user can act on: out of memory, a kernel that failed to build,
/// a lost device, a missing runtime. The message names the op, the sizes and the device, and the
/// CLI prints it as one line.
/// </summary>
public sealed class ComputeException : Exception
{
    public ComputeException(string message) : base(message) { }
    public ComputeException(string message, Exception inner) : base(message, inner) { }
}
