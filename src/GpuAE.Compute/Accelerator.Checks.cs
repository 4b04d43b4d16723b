namespace GpuAE.Compute;

/// <summary>
/// The argument checks every public op makes before it reaches a backend: what a CPU span would
/// catch, as one-line messages that name the op and the argument, the same on every device.
/// </summary>
public abstract partial class Accelerator
{
    /// <summary>The buffer is this accelerator's, not disposed, and holds at least `elements` floats.</summary>
    protected void Need(DeviceBuffer buffer, long elements, string op, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        if (buffer.Accelerator != this) throw new ArgumentException($"{op}: buffer '{name}' belongs to {buffer.Accelerator}, not {this}");
        if (buffer.IsDisposed) throw new ObjectDisposedException(name, $"{op}: buffer '{name}' was disposed");
        if (elements > buffer.Length) throw new ArgumentException($"{op}: buffer '{name}' holds {buffer.Length} floats, the op needs {elements}");
    }

    protected static void NonNegative(int value, string op, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, $"{op}: {name} must be >= 0, got {value}");
    }

    /// <summary>Rejects negative sizes and tensors (times factor) past int indexing; returns the element count.</summary>
    protected static long Elements(string op, int a, int b, int c, int factor = 1)
    {
        if (a < 0 || b < 0 || c < 0) throw new ArgumentOutOfRangeException(nameof(a), $"{op}: sizes must be >= 0, got {a}, {b}, {c}");
        long total = (long)a * b * c;
        if (total * factor > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(a), $"{op}: {a}x{b}x{c} elements do not fit int indexing");
        return total;
    }

    private static void CheckActivation(ActivationKind kind, string op)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{op}: unknown activation {kind}");
    }
}
