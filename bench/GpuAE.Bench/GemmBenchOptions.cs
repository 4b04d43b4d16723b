using GpuAE.Kernels.Gemm;

namespace GpuAE.Bench;

/// <summary>One GEMM shape to time: C[m,n] = op(A) op(B) with transpose flags "NN", "NT", "TN" or "TT".</summary>
public sealed record GemmShape(string Name, int M, int N, int K, string Trans)
{
    public bool TransA => Trans[0] == 'T';
    public bool TransB => Trans[1] == 'T';

    /// <summary>Parses "name:MxNxK[:TT]".</summary>
    public static GemmShape Parse(string text)
    {
        var parts = text.Split(':');
        var dims = parts.Length >= 2 ? parts[1].Split('x') : [];
        string trans = parts.Length > 2 ? parts[2].ToUpperInvariant() : "NN";
        if (parts.Length is < 2 or > 3 || dims.Length != 3 || trans.Length != 2 || trans.Any(ch => ch is not ('N' or 'T')))
            throw new FormatException($"--shapes: '{text}' is not name:MxNxK[:NN|NT|TN|TT]");
        var d = dims.Select(x => int.TryParse(x, out int v) && v > 0 ? v
            : throw new FormatException($"--shapes: '{x}' in '{text}' is not a positive size")).ToArray();
        return new GemmShape(parts[0], d[0], d[1], d[2], trans);
    }
}

/// <summary>Command line of the GEMM benchmark.</summary>
public sealed record GemmBenchOptions(string Variant, int? Threads, int Reps, double SampleMs, IReadOnlyList<GemmShape> Shapes)
{
    /// <summary>The same default shapes as bench/gemm_numpy.py: squares and the MNIST autoencoder (batch 128, 784-1000).</summary>
    public const string DefaultShapes = "sq256:256x256x256:NN,sq512:512x512x512:NN,sq1024:1024x1024x1024:NN,"
        + "sq2048:2048x2048x2048:NN,fwd:128x1000x784:NT,gradW:1000x784x128:TN,gradX:128x784x1000:NN";

    public static GemmBenchOptions Parse(string[] args)
    {
        string variant = CpuGemm.DefaultVariant, shapes = DefaultShapes;
        int? threads = null;
        int reps = 9;
        double sampleMs = 100;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--variant": variant = Value(); break;
                case "--shapes": shapes = Value(); break;
                case "--threads": threads = PositiveInt("--threads", Value()); break;
                case "--reps": reps = PositiveInt("--reps", Value()); break;
                case "--sample-ms": sampleMs = PositiveInt("--sample-ms", Value()); break;
                default: throw new FormatException($"unknown option '{args[i]}' (have --variant, --threads, --reps, --sample-ms, --shapes)");
            }
        }
        return new GemmBenchOptions(variant, threads, reps, sampleMs, shapes.Split(',').Select(GemmShape.Parse).ToArray());
    }

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, out int v) && v > 0 ? v : throw new FormatException($"{option}: '{text}' is not a positive integer");
}
