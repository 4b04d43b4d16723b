namespace GpuAE.Compute;

/// <summary>
/// One parameter tensor for the many-tensor optimizer ops: its weights and gradient, the
/// optimizer's state buffers (SGD's velocity in State1; Adam's m and v, Adadelta's averages of
/// squared gradients and updates in State1 and State2) and its length.
/// </summary>
public readonly record struct OptimizerTensor(DeviceBuffer Weights, DeviceBuffer Gradient, DeviceBuffer State1, DeviceBuffer? State2, int Length);

/// <summary>
/// The optimizer steps over many tensors at once (a network's parameters, every step): the same
/// update as <see cref="SgdUpdate"/>, <see cref="AdamUpdate"/> and <see cref="AdadeltaUpdate"/>
/// on each tensor, with the numbers of those ops, in as few launches as the device allows (ILGPU:
/// 16 tensors a launch instead of one launch each).
/// </summary>
public abstract partial class Accelerator
{
    public void SgdUpdateMany(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float momentum, float weightDecay)
    {
        CheckTensors(nameof(SgdUpdateMany), tensors, states: 1);
        if (ShapesOnly || tensors.IsEmpty) return;
        lock (_gate)
        {
            Enter(nameof(SgdUpdateMany), "tensors={0}", tensors.Length);
            try { SgdUpdateManyCore(tensors, learningRate, momentum, weightDecay); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    public void AdamUpdateMany(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float beta1, float beta2, float epsilon, int step)
    {
        CheckTensors(nameof(AdamUpdateMany), tensors, states: 2);
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), $"{nameof(AdamUpdateMany)}: step is 1-based, got {step}");
        // Bias corrections on the host with MathF.Pow, as AdamUpdate computes them.
        float c1 = 1f - MathF.Pow(beta1, step), c2 = 1f - MathF.Pow(beta2, step);
        if (ShapesOnly || tensors.IsEmpty) return;
        lock (_gate)
        {
            Enter(nameof(AdamUpdateMany), "tensors={0} step={1}", tensors.Length, step);
            try { AdamUpdateManyCore(tensors, learningRate, beta1, beta2, epsilon, c1, c2); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    public void AdadeltaUpdateMany(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float rho, float epsilon)
    {
        CheckTensors(nameof(AdadeltaUpdateMany), tensors, states: 2);
        if (ShapesOnly || tensors.IsEmpty) return;
        lock (_gate)
        {
            Enter(nameof(AdadeltaUpdateMany), "tensors={0}", tensors.Length);
            try { AdadeltaUpdateManyCore(tensors, learningRate, rho, epsilon); }
            catch (Exception e) when (IsDeviceFault(e)) { throw DeviceFault(e); }
        }
    }

    /// <summary>The per-tensor ops, one after another: what a device without a many-tensor kernel does.</summary>
    protected virtual void SgdUpdateManyCore(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float momentum, float weightDecay)
    {
        foreach (var t in tensors)
            if (t.Length > 0) SgdUpdateCore(t.Weights, t.Gradient, t.State1, t.Length, learningRate, momentum, weightDecay);
    }

    protected virtual void AdamUpdateManyCore(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float beta1, float beta2, float epsilon, float c1, float c2)
    {
        foreach (var t in tensors)
            if (t.Length > 0) AdamUpdateCore(t.Weights, t.Gradient, t.State1, t.State2!, t.Length, learningRate, beta1, beta2, epsilon, c1, c2);
    }

    protected virtual void AdadeltaUpdateManyCore(ReadOnlySpan<OptimizerTensor> tensors, float learningRate, float rho, float epsilon)
    {
        foreach (var t in tensors)
            if (t.Length > 0) AdadeltaUpdateCore(t.Weights, t.Gradient, t.State1, t.State2!, t.Length, learningRate, rho, epsilon);
    }

    /// <summary>
    /// Every tensor's buffers hold its length; the optimizer's state buffers are there (two for
    /// Adam and Adadelta). Runs every step, so the messages are built only for a tensor that fails.
    /// </summary>
    private void CheckTensors(string op, ReadOnlySpan<OptimizerTensor> tensors, int states)
    {
        for (int i = 0; i < tensors.Length; i++)
            if (!Usable(tensors[i], states)) ThrowUnusable(op, i, tensors[i], states);
    }

    private bool Usable(in OptimizerTensor t, int states) =>
        t.Length >= 0 && Holds(t.Weights, t.Length) && Holds(t.Gradient, t.Length) && Holds(t.State1, t.Length) && (states < 2 || Holds(t.State2, t.Length));

    private bool Holds(DeviceBuffer? buffer, int length) => buffer is not null && buffer.Accelerator == this && !buffer.IsDisposed && length <= buffer.Length;

    /// <summary>The error that says which of tensor i's buffers is wrong, and how.</summary>
    private void ThrowUnusable(string op, int i, in OptimizerTensor t, int states)
    {
        string what = $"tensor {i}";
        NonNegative(t.Length, op, what + " length");
        Need(t.Weights, t.Length, op, what + " weights"); Need(t.Gradient, t.Length, op, what + " gradient");
        Need(t.State1, t.Length, op, what + " state");
        if (states == 2)
        {
            if (t.State2 is null) throw new ArgumentException($"{op}: {what} has no second state buffer");
            Need(t.State2, t.Length, op, what + " second state");
        }
        throw new ArgumentException($"{op}: {what} is not usable"); // not reached: one of the checks above throws
    }
}
