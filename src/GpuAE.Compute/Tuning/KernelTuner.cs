namespace GpuAE.Compute.Tuning;

/// <summary>One shape's choice: the variant kept, every verified variant's median time, and whether it came from the cache.</summary>
public sealed record TuningChoice(ShapeKey Shape, string Variant, IReadOnlyList<VariantTime> Timings, bool FromCache)
{
    public override string ToString() =>
        $"{Shape}: {Variant}{(FromCache ? " (cached)" : "")}" +
        (Timings.Count == 0 ? "" : " [" + string.Join(", ", Timings.Select(t => t.Verified ? $"{t.Variant} {t.Milliseconds:0.###} ms" : $"{t.Variant} failed")) + "]");
}

public sealed record VariantTime(string Variant, bool Verified, double Milliseconds);

/// <summary>
/// Variant choice by measurement, per device (the way cuDNN's benchmark mode and CLBlast's tuner
/// work): record the GEMM and convolution shapes of one training step, then for each shape run
/// every variant on random inputs, drop any whose result differs from the default variant's,
/// time the rest (median of a few runs, device timers on GPUs) and keep the fastest. Choices are
/// remembered in a <see cref="TuningCache"/> per device, driver, kernel build and shape, so a
/// model tunes once per machine. An op chosen explicitly (`--kernels op=...`) is not tuned.
/// </summary>
public static class KernelTuner
{
    private const int Repeats = 5;
    private const float RelativeTolerance = 1e-3f;

    /// <summary>
    /// Whether training tunes on this device by itself: on GPUs (CUDA, OpenCL), where the best
    /// variant depends on the card and the shape. The managed CPU accelerator's defaults are
    /// already the measured best there, and ilgpu-cpu is for verifying, not speed.
    /// </summary>
    public static bool TunesByDefault(Accelerator acc) => acc.Type is AcceleratorType.Cuda or AcceleratorType.OpenCl;

    /// <summary>Runs `step` once while recording its shapes, then tunes them.</summary>
    public static IReadOnlyList<TuningChoice> TuneStep(Accelerator acc, Action step, TuningCache? cache, Action<string>? progress = null)
    {
        var seen = new HashSet<ShapeKey>();
        acc.ShapesSeen = seen;
        try { step(); acc.Synchronize(); }
        finally { acc.ShapesSeen = null; }
        return Tune(acc, seen, cache, progress);
    }

    public static IReadOnlyList<TuningChoice> Tune(Accelerator acc, IEnumerable<ShapeKey> shapes, TuningCache? cache, Action<string>? progress = null)
    {
        var choices = new List<TuningChoice>();
        foreach (var shape in shapes.OrderBy(s => s.ToString(), StringComparer.Ordinal))
        {
            if (acc.Kernels[shape.Family] is not null) continue;
            var variants = acc.KernelVariants(shape.Family);
            if (variants.Count < 2) continue;
            if (cache?.Find(acc, shape) is string known && variants.Contains(known))
            {
                acc.Kernels.SetTuned(shape, known);
                choices.Add(new TuningChoice(shape, known, [], FromCache: true));
                continue;
            }
            var choice = Measure(acc, shape, variants);
            acc.Kernels.SetTuned(shape, choice.Variant);
            cache?.Store(acc, shape, choice.Variant);
            progress?.Invoke($"tuned {choice}");
            choices.Add(choice);
        }
        cache?.Save();
        return choices;
    }

    private static TuningChoice Measure(Accelerator acc, ShapeKey shape, IReadOnlyList<string> variants)
    {
        using var problem = TuningProblem.Create(acc, shape);
        acc.Kernels.SetTuned(shape, variants[0]);
        problem.Run();
        var expected = problem.Result();
        var timings = new List<VariantTime>();
        foreach (var variant in variants)
        {
            acc.Kernels.SetTuned(shape, variant);
            problem.Run();
            if (!Close(expected, problem.Result())) { timings.Add(new VariantTime(variant, false, double.NaN)); continue; }
            var times = Enumerable.Range(0, Repeats).Select(_ => acc.Time(problem.Run)).Order().ToList();
            timings.Add(new VariantTime(variant, true, times[Repeats / 2]));
        }
        var best = timings.Where(t => t.Verified).MinBy(t => t.Milliseconds) ?? timings[0];
        return new TuningChoice(shape, best.Variant, timings, FromCache: false);
    }

    /// <summary>Every element within RelativeTolerance of the largest magnitude of the default variant's result.</summary>
    private static bool Close(float[] expected, float[] actual)
    {
        float scale = 0;
        foreach (var v in expected) scale = Math.Max(scale, Math.Abs(v));
        float tolerance = RelativeTolerance * Math.Max(scale, 1e-6f);
        for (int i = 0; i < expected.Length; i++)
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance)) return false;
        return true;
    }
}
