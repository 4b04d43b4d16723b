namespace GpuAE.Compute.Cpu;

/// <summary>
/// One conv op split into contiguous sample ranges, run on the GEMM thread team (whose hand-off
/// allocates nothing, unlike Parallel.For and its closures). Each range uses its own scratch
/// slot; partial weight gradients are summed in range order by the caller, so the result does
/// not depend on scheduling. When the team is busy (another thread is mid-GEMM) the ranges run
/// one after another on the caller, with the same split and so the same result.
/// </summary>
internal sealed class CpuConvJob(CpuConvScratch[] scratch) : IGemmTeamJob
{
    public enum Pass { Forward, BackwardData, BackwardWeights }

    private Pass _pass;
    private Conv2dGeometry _g;
    private float[] _x = [], _w = [], _y = [];
    private bool _direct;
    private string? _gemm;

    /// <summary>
    /// Runs the pass over the batch and returns the number of ranges. Buffers by role:
    /// Forward (x, w, y), BackwardData (dy, w, dx), BackwardWeights (x, dy, -): each range's weight
    /// gradient lands in its scratch slot's Weights.
    /// </summary>
    public int Run(Pass pass, in Conv2dGeometry g, float[] a, float[] b, float[] c, bool direct, string? gemm)
    {
        (_pass, _g, _x, _w, _y, _direct, _gemm) = (pass, g, a, b, c, direct, gemm);
        int parts = Math.Min(g.Batch, Math.Min(scratch.Length, CpuGemmTeam.Instance.Size));
        try
        {
            var team = CpuGemmTeam.Instance;
            if (parts > 1 && team.TryEnter())
            {
                try { team.Run(this, parts); }
                finally { team.Exit(); }
            }
            else for (int part = 0; part < parts; part++) RunPart(part, parts);
        }
        finally { (_x, _w, _y) = ([], [], []); } // do not keep the caller's arrays alive
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
        var g = _g;
        var xn = _x.AsSpan(n * g.InputSize, g.InputSize);
        var yn = _y.AsSpan(n * g.OutputSize, g.OutputSize);
        if (_direct) { CpuConv.DirectForwardSample(g, xn, _w, yn); return; }
        if (CpuConv.IsThinSame(g)) { var (planes, rows) = ThinScratch(s); CpuConv.ThinSameForward(g, xn, _w, yn, planes, rows); return; }
        var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
        var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
        CpuConv.Im2colSample(g, xn, cols);
        CpuConv.Gemm(single, _gemm, false, false, g.OutChannels, g.OutPixels, g.Patch, 1f, _w, cols, 0f, tmp);
        tmp.AsSpan(0, g.OutputSize).CopyTo(yn);
    }

    private void BackwardData(CpuConvScratch s, int n, bool single)
    {
        var g = _g;
        var dyn = _x.AsSpan(n * g.OutputSize, g.OutputSize);
        var dxn = _y.AsSpan(n * g.InputSize, g.InputSize);
        if (_direct) { CpuConv.DirectBackwardDataSample(g, dyn, _w, dxn); return; }
        if (CpuConv.IsThinSame(g)) { var (planes, rows) = ThinScratch(s); CpuConv.ThinSameBackwardData(g, dyn, _w, dxn, planes, rows); return; }
        var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
        var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
        dyn.CopyTo(tmp);
        CpuConv.Gemm(single, _gemm, true, false, g.Patch, g.OutPixels, g.OutChannels, 1f, _w, tmp, 0f, cols);
        CpuConv.Col2imSample(g, cols, dxn);
    }

    private (float[] Planes, float[] Rows) ThinScratch(CpuConvScratch s)
    {
        var (planes, rows) = CpuConv.ThinScratch(_g);
        return (CpuConvScratch.Ensure(ref s.Columns, planes), CpuConvScratch.Ensure(ref s.Sample, rows));
    }

    private void BackwardWeights(CpuConvScratch s, int n0, int n1, bool single)
    {
        var g = _g;
        var partial = CpuConvScratch.Ensure(ref s.Weights, g.WeightCount);
        partial.AsSpan(0, g.WeightCount).Clear();
        for (int n = n0; n < n1; n++)
        {
            var xn = _x.AsSpan(n * g.InputSize, g.InputSize);
            var dyn = _w.AsSpan(n * g.OutputSize, g.OutputSize);
            if (_direct) { CpuConv.DirectBackwardWeightsSample(g, xn, dyn, partial); continue; }
            if (CpuConv.IsThinSame(g)) { var (planes, rows) = ThinScratch(s); CpuConv.ThinSameBackwardWeights(g, xn, dyn, partial, planes, rows); continue; }
            var cols = CpuConvScratch.Ensure(ref s.Columns, g.Patch * g.OutPixels);
            var tmp = CpuConvScratch.Ensure(ref s.Sample, g.OutputSize);
            CpuConv.Im2colSample(g, xn, cols);
            dyn.CopyTo(tmp);
            CpuConv.Gemm(single, _gemm, false, true, g.OutChannels, g.Patch, g.OutPixels, 1f, tmp, cols, 1f, partial);
        }
    }
}
