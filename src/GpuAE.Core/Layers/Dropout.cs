using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability p and the rest scaled
/// by 1 / (1 - p); in inference it is the identity. Masks come from the Philox stream keyed by a
/// key drawn at build (so by the model seed) and by the layer's count of training passes, so a
/// seed gives the same masks on every device.
/// </summary>
public sealed class Dropout : Layer
{
    private DeviceBuffer _mask = null!;
    private ulong _key;
    private uint _step;
    private bool _lastForwardTrained;

    public Dropout(float rate)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentException($"Dropout: rate must be in [0, 1), got {rate}");
        Rate = rate;
    }

    public float Rate { get; }

    /// <summary>Training passes so far: the counter of the next mask (saved with a resumable run's state).</summary>
    public uint MaskCount { get => _step; set => _step = value; }

    public override string Kind => "Dropout";

    /// <summary>The mask is drawn from a counter that advances every training step.</summary>
    public override bool VariesPerStep => true;

    public override TensorShape InferOutputShape(TensorShape input) => input;

    public override IEnumerable<PlannedBuffer> PlanBuffers(TensorShape input, int maxBatch, bool computeInputGradient) =>
        base.PlanBuffers(input, maxBatch, computeInputGradient).Append(new("mask", checked(maxBatch * MemoryPlan.Elements(input))));

    protected override void OnBuild(ParameterInitializer init)
    {
        _mask = Allocate(MaxBatch * InputShape.Size);
        _key = init.NextKey();
    }

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training)
    {
        _lastForwardTrained = training;
        int n = rows * InputShape.Size;
        if (!training) { Accelerator.Copy(input, 0, Output, 0, n); return; }
        Accelerator.DropoutForward(input, Output, _mask, n, Rate, _key, _step);
        // A shapes-only pass (kernel tuning) launches nothing: the next real pass draws this mask.
        if (!Accelerator.ShapesOnly) _step++;
    }

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        if (InputGradient is null) return;
        int n = rows * InputShape.Size;
        if (_lastForwardTrained) Accelerator.DropoutBackward(outputGradient, _mask, InputGradient, n);
        else Accelerator.Copy(outputGradient, 0, InputGradient, 0, n);
    }

    public override string Describe() => $"Dropout({Rate})";
}
