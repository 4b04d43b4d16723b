using System.Globalization;

namespace GpuAE.Plots;

/// <summary>
/// Tick positions and labels for one axis. <see cref="Min"/>..<see cref="Max"/> is the axis range
/// (it covers the data); <see cref="Values"/> are the labelled ticks, <see cref="Minor"/> unlabelled
/// ones (log axes only).
/// </summary>
public sealed record TickSet(double Min, double Max, IReadOnlyList<double> Values, IReadOnlyList<string> Labels, IReadOnlyList<double> Minor);

/// <summary>
/// "Nice" axis ticks: Heckbert's labelling algorithm (Graphics Gems, 1990) for linear axes — steps of
/// 1, 2 or 5 times a power of ten — and decades, optionally with 2 and 5 multiples, for log axes.
/// </summary>
public static class AxisTicks
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A 1, 2, 5 or 10 multiple of a power of ten near <paramref name="x"/>: rounded when
    /// <paramref name="round"/>, otherwise the smallest such number not below x.</summary>
    public static double NiceNumber(double x, bool round)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), $"nice number needs a positive finite value, got {x}");
        double power = Math.Pow(10, Math.Floor(Math.Log10(x)));
        double fraction = x / power;
        double nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>
    /// Linear ticks for data in [<paramref name="min"/>, <paramref name="max"/>], about
    /// <paramref name="targetCount"/> of them. Loose: the axis range widens to the outer ticks, so the
    /// data is framed by labelled ticks; tight: the range is the data's and ticks fall inside it.
    /// A zero-width range is padded (±10 %, or ±1 around zero).
    /// </summary>
    public static TickSet Linear(double min, double max, int targetCount = 5, bool integers = false, bool loose = true)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentOutOfRangeException(nameof(min), $"axis range must be finite, got {min}..{max}");
        if (min > max) throw new ArgumentOutOfRangeException(nameof(min), $"axis range is reversed: {min}..{max}");
        if (targetCount < 2) throw new ArgumentOutOfRangeException(nameof(targetCount), $"need at least 2 ticks, got {targetCount}");
        (min, max) = PadDegenerate(min, max);

        double step = NiceNumber(NiceNumber(max - min, false) / (targetCount - 1), true);
        if (integers && step < 1) step = 1;
        const double slack = 1e-9; // keeps 0.6/0.2 = 2.9999999999999996 from adding a tick
        long first = (long)(loose ? Math.Floor(min / step + slack) : Math.Ceiling(min / step - slack));
        long last = (long)(loose ? Math.Ceiling(max / step - slack) : Math.Floor(max / step + slack));
        int digits = Math.Max(0, -(int)Math.Floor(Math.Log10(step)));

        var values = new List<double>();
        for (long k = first; k <= last; k++) values.Add(Math.Abs(k * step) < step * slack ? 0 : Math.Round(k * step, Math.Min(15, digits)));
        double axisMin = loose ? first * step : min, axisMax = loose ? last * step : max;
        double magnitude = Math.Max(Math.Abs(axisMin), Math.Abs(axisMax));
        var labels = values.Select(v => FormatLinear(v, step, digits, magnitude)).ToList();
        return new TickSet(axisMin, axisMax, values, labels, []);
    }

    /// <summary>
    /// Log-10 ticks for positive data. Up to two decades: ticks at 1, 2 and 5 times powers of ten and
    /// a range snapped to them; more: decade ticks (every n-th decade past <paramref name="maxLabels"/>)
    /// with unlabelled 2..9 minor ticks.
    /// </summary>
    public static TickSet Log10(double min, double max, int maxLabels = 8)
    {
        if (!(min > 0) || !double.IsFinite(max) || !double.IsFinite(min)) throw new ArgumentOutOfRangeException(nameof(min), $"log axis needs a positive finite range, got {min}..{max}");
        if (min > max) throw new ArgumentOutOfRangeException(nameof(min), $"axis range is reversed: {min}..{max}");
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-9), hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi == lo) hi++;
        return hi - lo <= 2 ? FineLog(min, max, lo, hi) : DecadeLog(lo, hi, maxLabels);
    }

    private static TickSet FineLog(double min, double max, int lo, int hi)
    {
        var candidates = new List<double>();
        for (int k = lo; k <= hi; k++)
            foreach (int m in new[] { 1, 2, 5 }) candidates.Add(Clean(m * Math.Pow(10, k)));
        double axisMin = candidates.Last(c => c <= min * (1 + 1e-9));
        double axisMax = candidates.First(c => c >= max * (1 - 1e-9));
        if (axisMax <= axisMin) axisMax = candidates.First(c => c > axisMin);
        var values = candidates.Where(c => c >= axisMin && c <= axisMax).ToList();
        var minor = new List<double>();
        for (int k = lo; k <= hi; k++)
            foreach (int m in new[] { 3, 4, 6, 7, 8, 9 })
            {
                double v = Clean(m * Math.Pow(10, k));
                if (v > axisMin && v < axisMax) minor.Add(v);
            }
        return new TickSet(axisMin, axisMax, values, values.Select(FormatLog).ToList(), minor);
    }

    private static TickSet DecadeLog(int lo, int hi, int maxLabels)
    {
        int every = Math.Max(1, (int)Math.Ceiling((hi - lo) / (double)Math.Max(1, maxLabels - 1)));
        lo = (int)Math.Floor(lo / (double)every) * every;
        hi = (int)Math.Ceiling(hi / (double)every) * every;
        var values = new List<double>();
        for (int k = lo; k <= hi; k += every) values.Add(Clean(Math.Pow(10, k)));
        var minor = new List<double>();
        if (every == 1 && hi - lo <= 6)
            for (int k = lo; k < hi; k++)
                for (int m = 2; m <= 9; m++) minor.Add(Clean(m * Math.Pow(10, k)));
        return new TickSet(values[0], values[^1], values, values.Select(FormatLog).ToList(), minor);
    }

    private static (double Min, double Max) PadDegenerate(double min, double max)
    {
        double scale = Math.Max(Math.Abs(min), Math.Abs(max));
        if (max - min > scale * 1e-12) return (min, max);
        double pad = scale == 0 ? 1 : scale * 0.1;
        return (min - pad, max + pad);
    }

    /// <summary>Fixed-point with the step's decimals; scientific when that would be unreadably long.</summary>
    private static string FormatLinear(double value, double step, int digits, double magnitude)
    {
        if (value == 0) return "0";
        if (magnitude < 1e6 && digits <= 5) return value.ToString("F" + digits, Invariant);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        int mantissaDigits = Math.Max(0, exponent - (int)Math.Floor(Math.Log10(step)));
        return (value / Math.Pow(10, exponent)).ToString("F" + Math.Min(mantissaDigits, 10), Invariant) + "e" + exponent.ToString(Invariant);
    }

    private static string FormatLog(double value)
    {
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        if (exponent is >= -4 and <= 5) return value.ToString("0.#####", Invariant);
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        return (mantissa == 1 ? "1" : mantissa.ToString("0.##", Invariant)) + "e" + exponent.ToString(Invariant);
    }

    /// <summary>Removes binary noise such as 0.0020000000000000005 from products of powers of ten.</summary>
    private static double Clean(double value) => double.Parse(value.ToString("G12", Invariant), Invariant);
}
