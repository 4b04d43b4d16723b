using System.Numerics.Tensors;
using GpuAE.Compute;
using GpuAE.Kernels.Elementwise;
using GpuAE.Kernels.Gemm;
using GpuAE.Kernels.Spatial;
namespace GpuAE.Kernels.Conv;

/// <summary>
/// One conv op split into contiguous sample ranges, run on the GEMM thread team (whose hand-off
/// allocates nothing, unlike Parallel.For and its closures). Each range uses its own scratch
/// slot; partial weight gradients are summed in range order by the caller, so the result does
/// not depend on scheduling. When the team is busy (another thread is mid-GEMM) the ranges run
/// one after another on the caller, with the same split and so the same result.
/// </summary>
internal sealed partial class CpuConvJob(CpuConvScratch[] scratch) : IGemmTeamJob
{
    public enum Pass { Forward, BackwardData, BackwardWeights }

    private Pass _pass;
    private Conv2dGeometry _g, _outer; // the conv that runs; the one asked for (they differ for the sub-pixel conv)
    private bool _subPixel;
    private float[] _innerWeights = [];
    private float[] _x = [], _w = [], _y = [];
    private CpuConv.Method _method;
    private CpuConv.ShiftedShape _shifted;
    private CpuConv.ShiftedBackShape _shiftedBack;
    private float[] _packed = [];
    private int[] _offsets = [];
    private string? _gemm;
    private Fusion _fusion;

    private int _next, _parts;

    /// <summary>Team entry point: every thread claims parts until none are left (each part once).</summary>
    public void Work()
    {
        int part;
        while ((part = Interlocked.Increment(ref _next) - 1) < _parts) RunPart(part, _parts);
    }

    /// <summary>
    /// Runs the pass over the batch and returns the number of ranges. Buffers by role:
    /// Forward (x, w, y), BackwardData (dy, w, dx), BackwardWeights (x, dy, -): each range's weight
    /// gradient lands in its scratch slot's Weights; with a bias (<see cref="Fusion"/>), each
    /// range's bias gradient sums land in its slot's BiasSums.
    /// </summary>
    public int Run(Pass pass, in Conv2dGeometry g, float[] a, float[] b, float[] c, string? variant, string? gemm, Fusion fusion = default)
    {
        (_pass, _outer, _x, _w, _y, _gemm, _fusion) = (pass, g, a, b, c, gemm, fusion);
        _subPixel = fusion.UpsampledInput && fusion.SubPixel;
        _g = _subPixel ? CpuSubPixel.Inner(g) : g;
        if (_subPixel && pass != Pass.BackwardWeights)
        {
            CpuSubPixel.CombineWeights(g, b, CpuConvScratch.Ensure(ref _innerWeights, _g.WeightCount));
            _w = _innerWeights;
        }
        _method = CpuConv.Choose(variant, _g, pass);
        // A wide inner conv's shifted tiles would run mostly on its small planes' borders (CpuSubPixel).
        if (_subPixel && _method == CpuConv.Method.Shifted && !CpuConv.IsThinConv(_g)) _method = CpuConv.Method.Im2col;
        if (_method == CpuConv.Method.Shifted) PrepareShifted();
        int parts = Math.Min(g.Batch, Math.Min(scratch.Length, CpuGemmTeam.Instance.Size));
        try
        {
            var team = CpuGemmTeam.Instance;
            if (parts > 1 && team.TryEnter())
            {
                _next = 0;
                _parts = parts;
                try { team.Run(this, parts); }
                finally { team.Exit(); }
            }
            else for (int part = 0; part < parts; part++) RunPart(part, parts);
        }
        finally { (_x, _w, _y, _fusion) = ([], [], [], default); } // do not keep the caller's arrays alive
        return parts;
    }

    public void RunPart(int part, int parts)
    {
        int n0 = part * _g.Batch / parts, n1 = (part + 1) * _g.Batch / parts;
        var s = scratch[part];
        bool single = parts > 1;
        switch (_pass)
        {
            case Pass.Forward: for (int n = n0; n < n1; n++) Forward(s, n, single); break;
            case Pass.BackwardData: for (int n = n0; n < n1; n++) BackwardData(s, n, single); break;
            default: BackwardWeights(s, n0, n1, single); break;
        }
    }

    private void Forward(CpuConvScratch s, int n, bool single)
    {
        var g = _outer;
        var yn = _fusion.Pool is null ? _y.AsSpan(n * g.OutputSize, g.OutputSize) : CpuConvScratch.Ensure(ref s.Unpooled, g.OutputSize).AsSpan(0, g.OutputSize);
        if (_subPixel)
        {
            var phases = PhasesOf(s);
            ConvSample(s, InputOf(s, n), phases, null, single);
            CpuSubPixel.Scatter(g, phases, yn, _fusion.Bias);
        }
        else ConvSample(s, InputOf(s, n), yn, _fusion.Bias, single);
        if (_fusion.Activation != ActivationKind.Identity) CpuActivations.Forward(_fusion.Activation, _fusion.Alpha, yn, yn);
        if (_fusion.Pool is not null) PoolSample(yn, n);
    }

    /// <summary>yn = the conv that runs of one sample's input, plus the bias when given.</summary>
    private void ConvSample(CpuConvScratch s, ReadOnlySpan<float> xn, Span<float> yn, float[]? bias, bool single)
    {
        var g = _g;
        switch (_method)
        {
            case CpuConv.Method.Direct: CpuConv.DirectForwardSample(g, xn, _w, yn); break;
            case CpuConv.Method.Thin: { var (planes, rows) = ThinScratch(s); CpuConv.ThinForward(g, xn, _w, yn, planes, rows); break; }
            case CpuConv.Method.Shifted: Shifted(s, xn, yn, bias); return; // adds the bias as it copies out
            default:
                var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
                var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
                CpuConv.Im2colSample(g, xn, cols);
                CpuConv.Gemm(single, _gemm, false, false, g.OutChannels, g.OutPixels, g.Patch, 1f, _w, cols, 0f, tmp);
                if (bias is null) { tmp.AsSpan(0, g.OutputSize).CopyTo(yn); return; }
                // the bias as the GEMM's output is copied out: one pass over it, not two
                for (int o = 0; o < g.OutChannels; o++)
                    TensorPrimitives.Add(tmp.AsSpan(o * g.OutPixels, g.OutPixels), bias[o], yn.Slice(o * g.OutPixels, g.OutPixels));
                return;
        }
        if (bias is null) return;
        for (int o = 0; o < g.OutChannels; o++)
        {
            var plane = yn.Slice(o * g.OutPixels, g.OutPixels);
            TensorPrimitives.Add(plane, bias[o], plane);
        }
    }

    /// <summary>dx of sample n; an upsampled input's gradient is summed down from this worker's scratch, and a ReLU gate applied, while both are in cache.</summary>
    private void BackwardData(CpuConvScratch s, int n, bool single)
    {
        var g = _outer;
        var dyn = OutputGradientOf(s, _x, n);
        int size = _fusion.UpsampledInput ? g.InputSize / 4 : g.InputSize;
        var dx = _y.AsSpan(n * size, size);
        var gate = _fusion.ReluGate is null ? default : _fusion.ReluGate.AsSpan(n * size, size);
        if (!_fusion.UpsampledInput || _subPixel)
        {
            BackwardDataSample(s, ConvGradientOf(s, dyn), dx, single);
            if (!gate.IsEmpty) CpuActivations.Backward(ActivationKind.Relu, 0f, gate, dx, dx);
            return;
        }
        var full = CpuConvScratch.Ensure(ref s.Upsampled, g.InputSize).AsSpan(0, g.InputSize);
        BackwardDataSample(s, dyn, full, single);
        int h = g.InHeight / 2, w = g.InWidth / 2, small = h * w;
        for (int c = 0; c < g.InChannels; c++)
            CpuUpsample.BackwardPlane(full.Slice(c * 4 * small, 4 * small), dx.Slice(c * small, small), h, w, gate.IsEmpty ? default : gate.Slice(c * small, small));
    }

    private void BackwardDataSample(CpuConvScratch s, ReadOnlySpan<float> dyn, Span<float> dxn, bool single)
    {
        var g = _g;
        switch (_method)
        {
            case CpuConv.Method.Direct: CpuConv.DirectBackwardDataSample(g, dyn, _w, dxn); return;
            case CpuConv.Method.Thin: { var (planes, rows) = ThinScratch(s); CpuConv.ThinBackwardData(g, dyn, _w, dxn, planes, rows); return; }
            case CpuConv.Method.Shifted: ShiftedBackward(s, dyn, dxn); return;
        }
        var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
        var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
        dyn.CopyTo(tmp);
        CpuConv.Gemm(single, _gemm, true, false, g.Patch, g.OutPixels, g.OutChannels, 1f, _w, tmp, 0f, cols);
        CpuConv.Col2imSample(g, cols, dxn);
    }

    /// <summary>Packs the weights and tap offsets every range shares, once per pass, before the ranges start.</summary>
    private void PrepareShifted()
    {
        if (_pass != Pass.BackwardData)
        {
            // weight gradients read x's planes at the forward taps' offsets (their weights are not packed)
            _shifted = CpuConv.ShiftedShape.Forward(_g);
            CpuConv.ShiftedOffsets(_shifted, EnsureOffsets(_shifted.Taps));
            if (_pass == Pass.BackwardWeights) return;
            CpuConv.PackShiftedForward(_g, _w, CpuConvScratch.Ensure(ref _packed, _shifted.Rows * _shifted.Taps));
            return;
        }
        _shiftedBack = new CpuConv.ShiftedBackShape(_g);
        var (packed, offsets) = _shiftedBack.Totals();
        CpuConv.PackShiftedBackward(_shiftedBack, _w, CpuConvScratch.Ensure(ref _packed, packed), EnsureOffsets(offsets));
    }

    private int[] EnsureOffsets(int length)
    {
        if (_offsets.Length < length) _offsets = GC.AllocateUninitializedArray<int>(length, pinned: true);
        return _offsets;
    }

    private void Shifted(CpuConvScratch s, ReadOnlySpan<float> x, Span<float> y, float[]? bias) =>
        CpuConv.ShiftedSample(_shifted, x, _packed, _offsets,
            CpuConvScratch.Ensure(ref s.Columns, _shifted.PaddedFloats), CpuConvScratch.Ensure(ref s.Sample, _shifted.OutputFloats), y, bias);

    private void ShiftedBackward(CpuConvScratch s, ReadOnlySpan<float> dy, Span<float> dx) =>
        CpuConv.ShiftedBackwardSample(_shiftedBack, dy, _packed, _offsets,
            CpuConvScratch.Ensure(ref s.Columns, _shiftedBack.PaddedFloats), CpuConvScratch.Ensure(ref s.Sample, _shiftedBack.OutputFloats), dx);

    /// <summary>This range's bias gradient sums, cleared (empty when no bias gradient is asked for): BiasSums[o] over channel o, in double, samples in order.</summary>
    private Span<double> BiasSums(CpuConvScratch s)
    {
        if (_fusion.Bias is null) return default;
        if (s.BiasSums.Length < _outer.OutChannels) s.BiasSums = new double[_outer.OutChannels];
        var sums = s.BiasSums.AsSpan(0, _outer.OutChannels);
        sums.Clear();
        return sums;
    }

    /// <summary>Adds one sample's output gradient, channel by channel, to the bias sums.</summary>
    private void AddBiasSums(Span<double> sums, ReadOnlySpan<float> dyn)
    {
        for (int o = 0; o < sums.Length; o++) sums[o] += TensorPrimitives.Sum(dyn.Slice(o * _outer.OutPixels, _outer.OutPixels));
    }

    /// <summary>Sums samples [n0, n1)'s 3x3 weight gradients transposed ([Patch, OutC rounded up]), then flips them into partial.</summary>
    private void ShiftedWeights(CpuConvScratch s, int n0, int n1, float[] partial, Span<double> biasSums)
    {
        var g = _g;
        int ld = CpuConv.ShiftedWeightStride(g);
        var sums = CpuConvScratch.Ensure(ref s.WeightsTransposed, g.Patch * ld);
        sums.AsSpan(0, g.Patch * ld).Clear();
        var padded = CpuConvScratch.Ensure(ref s.Columns, CpuConv.ShiftedShape.Forward(g).PaddedFloats);
        var dyT = CpuConvScratch.Ensure(ref s.Sample, CpuConv.ShiftedWeightScratch(g));
        for (int n = n0; n < n1; n++)
        {
            var dyn = OutputGradientOf(s, _w, n);
            AddBiasSums(biasSums, dyn);
            CpuConv.ShiftedWeightsSample(g, InputOf(s, n), ConvGradientOf(s, dyn), _offsets, padded, dyT, sums);
        }
        for (int o = 0; o < g.OutChannels; o++)
        for (int p = 0; p < g.Patch; p++) partial[o * g.Patch + p] = sums[p * ld + o];
    }

    private (float[] Planes, float[] Rows) ThinScratch(CpuConvScratch s)
    {
        var (planes, rows) = CpuConv.ThinScratch(_g);
        return (CpuConvScratch.Ensure(ref s.Columns, planes), CpuConvScratch.Ensure(ref s.Sample, rows));
    }

    /// <summary>Samples [n0, n1)'s weight gradient (of the conv asked for) in this range's slot's Weights.</summary>
    private void BackwardWeights(CpuConvScratch s, int n0, int n1, bool single)
    {
        var partial = CpuConvScratch.Ensure(ref s.Weights, _outer.WeightCount);
        if (!_subPixel) { WeightGradient(s, n0, n1, single, partial); return; }
        var inner = CpuConvScratch.Ensure(ref s.PhaseWeights, _g.WeightCount);
        WeightGradient(s, n0, n1, single, inner);
        CpuSubPixel.FoldWeightGradient(_outer, inner, partial);
    }

    /// <summary>Samples [n0, n1)'s weight gradient of the conv that runs, in partial.</summary>
    private void WeightGradient(CpuConvScratch s, int n0, int n1, bool single, float[] partial)
    {
        var g = _g;
        partial.AsSpan(0, g.WeightCount).Clear();
        var biasSums = BiasSums(s);
        // A short patch (a first layer's 1 x 3 x 3) would fill a 32-wide register tile a third
        // full: accumulate the transposed gradient [Patch x OutChannels] instead, then flip it.
        bool transposed = g.Patch < 32 && g.OutChannels > g.Patch;
        var sums = transposed ? CpuConvScratch.Ensure(ref s.WeightsTransposed, g.WeightCount) : partial;
        if (transposed) sums.AsSpan(0, g.WeightCount).Clear();
        if (_method == CpuConv.Method.Shifted) { ShiftedWeights(s, n0, n1, partial, biasSums); return; }
        for (int n = n0; n < n1; n++)
        {
            var xn = InputOf(s, n);
            // im2col's GEMM reads the gradient from s.Sample: a pooled one is routed straight there
            var full = OutputGradientOf(s, _w, n, _method == CpuConv.Method.Im2col && !_subPixel ? CpuConvScratch.Ensure(ref s.Sample, g.OutputSize) : null);
            AddBiasSums(biasSums, full);
            var dyn = ConvGradientOf(s, full);
            if (_method == CpuConv.Method.Direct) { CpuConv.DirectBackwardWeightsSample(g, xn, dyn, partial); continue; }
            if (_method == CpuConv.Method.Thin) { var (planes, rows) = ThinScratch(s); CpuConv.ThinBackwardWeights(g, xn, dyn, partial, planes, rows); continue; }
            var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
            var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
            CpuConv.Im2colSample(g, xn, cols);
            if (!dyn.Overlaps(tmp)) dyn.CopyTo(tmp);
            if (transposed) CpuConv.Gemm(single, _gemm, false, true, g.Patch, g.OutChannels, g.OutPixels, 1f, cols, tmp, 1f, sums);
            else CpuConv.Gemm(single, _gemm, false, true, g.OutChannels, g.Patch, g.OutPixels, 1f, tmp, cols, 1f, partial);
        }
        if (!transposed || _method != CpuConv.Method.Im2col) return;
        for (int p = 0; p < g.Patch; p++)
            for (int o = 0; o < g.OutChannels; o++) partial[o * g.Patch + p] = sums[p * g.OutChannels + o];
    }
}
