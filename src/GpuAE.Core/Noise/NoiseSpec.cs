using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GpuAE.Compute;
using GpuAE.Kernels.Noise;

namespace GpuAE.Noise;

/// <summary>
/// A corruption as the user writes it: none | mask:P | saltpepper:P | gaussian:S | erase | mix.
/// Fixed kinds resolve to themselves; `mix` draws a kind and a level for every batch from the
/// run's Philox stream (counter (batch, 0, epoch, 2)), so a mixed run is reproducible too.
/// </summary>
[JsonConverter(typeof(NoiseSpecJsonConverter))]
public sealed record NoiseSpec(NoiseKind Kind, float Level, bool IsMix = false)
{
    public static readonly NoiseSpec None = new(NoiseKind.None, 0f);

    /// <summary>Ranges `mix` draws from (uniform), per kind.</summary>
    public static readonly (NoiseKind Kind, float Min, float Max)[] MixChoices =
    [
        (NoiseKind.Mask, 0.1f, 0.7f),
        (NoiseKind.SaltPepper, 0.05f, 0.3f),
        (NoiseKind.Gaussian, 0.1f, 0.5f),
        (NoiseKind.Erase, 0f, 0f),
    ];

    /// <summary>Parses a spec; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static NoiseSpec Parse(string text)
    {
        string spec = (text ?? "").Trim().ToLowerInvariant();
        int colon = spec.IndexOf(':');
        string name = colon < 0 ? spec : spec[..colon];
        string? arg = colon < 0 ? null : spec[(colon + 1)..];
        switch (name)
        {
            case "none" when arg is null: return None;
            case "erase" when arg is null: return new NoiseSpec(NoiseKind.Erase, 0f);
            case "mix" when arg is null: return new NoiseSpec(NoiseKind.None, 0f, IsMix: true);
            case "mask": return new NoiseSpec(NoiseKind.Mask, Fraction(text!, arg));
            case "saltpepper": return new NoiseSpec(NoiseKind.SaltPepper, Fraction(text!, arg));
            case "gaussian": return new NoiseSpec(NoiseKind.Gaussian, StandardDeviation(text!, arg));
            case "none" or "erase" or "mix":
                throw new FormatException($"noise '{text}': {name} takes no level");
            default:
                throw new FormatException($"noise '{text}': unknown kind '{name}' (use none, mask:P, saltpepper:P, gaussian:S, erase or mix)");
        }
    }

    private static float Fraction(string text, string? arg)
    {
        float p = Number(text, arg);
        if (p < 0 || p > 1) throw new FormatException($"noise '{text}': fraction must be in [0, 1], got {arg}");
        return p;
    }

    private static float StandardDeviation(string text, string? arg)
    {
        float s = Number(text, arg);
        if (s < 0) throw new FormatException($"noise '{text}': standard deviation must be >= 0, got {arg}");
        return s;
    }

    private static float Number(string text, string? arg)
    {
        if (string.IsNullOrEmpty(arg)) throw new FormatException($"noise '{text}': missing level after ':'");
        if (!float.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
            throw new FormatException($"noise '{text}': '{arg}' is not a number");
        return v;
    }

    /// <summary>The concrete corruption for one batch.</summary>
    public NoiseParameters Resolve(ulong seed, uint epoch, uint batch)
    {
        if (!IsMix) return new NoiseParameters(Kind, Level);
        var (r0, r1, _, _) = Philox4x32.Generate(batch, 0u, epoch, 2u, (uint)seed, (uint)(seed >> 32));
        var choice = MixChoices[(int)(r0 % (uint)MixChoices.Length)];
        float level = choice.Min + Philox4x32.ToUniform(r1) * (choice.Max - choice.Min);
        return new NoiseParameters(choice.Kind, level);
    }

    public override string ToString() => IsMix ? "mix" : Kind switch
    {
        NoiseKind.None => "none",
        NoiseKind.Erase => "erase",
        NoiseKind.Mask => $"mask:{Level.ToString("0.###", CultureInfo.InvariantCulture)}",
        NoiseKind.SaltPepper => $"saltpepper:{Level.ToString("0.###", CultureInfo.InvariantCulture)}",
        NoiseKind.Gaussian => $"gaussian:{Level.ToString("0.###", CultureInfo.InvariantCulture)}",
        _ => Kind.ToString(),
    };
}

/// <summary>A noise spec is written as the text the command line takes ("mask:0.2"), so summary.json and sweep.json read as before.</summary>
public sealed class NoiseSpecJsonConverter : JsonConverter<NoiseSpec>
{
    public override NoiseSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NoiseSpec.Parse(reader.GetString() ?? throw new JsonException("a noise spec must be a string"));

    public override void Write(Utf8JsonWriter writer, NoiseSpec value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
