using System.Globalization;
using System.Text;
using GpuAE.IO;

namespace GpuAE.Analysis;

/// <summary>
/// The codes `gpuae encode` writes and `gpuae tsne --codes` reads, one row per image in the split's
/// order, chosen by the output's extension:
/// <list type="bullet">
/// <item>.csv: a header <c>index,label,class,code1,...,codeD</c>, then per image its index in the
/// split, its label, its class name (always in quotes) and D values (shortest text that reads back
/// to the same float32);</item>
/// <item>.npy: the codes as a float32 array of shape (N, D) (NumPy .npy 1.0, C order,
/// little-endian); beside it NAME.labels.npy, the labels as int64 of shape (N,), and
/// NAME.classes.txt, the class names one per line (line k names label k). Row i is image i of the
/// split, so the index is the row number.</item>
/// </list>
/// Every file is written whole to a temporary name and renamed.
/// </summary>
public static class CodeFiles
{
    public sealed record Codes(float[] Values, int Count, int Dimension, byte[] Labels, IReadOnlyList<string> ClassNames);

    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
    public static bool IsNpy(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    /// <summary>NAME.labels.npy and NAME.classes.txt beside NAME.npy.</summary>
    public static string LabelsPath(string npy) => npy[..^4] + ".labels.npy";
    public static string ClassesPath(string npy) => npy[..^4] + ".classes.txt";

    /// <summary>The files written, in order (the codes first).</summary>
    public static IReadOnlyList<string> Write(string path, Codes c)
    {
        if (IsCsv(path))
        {
            AtomicFile.WriteAllText(path, Csv(c));
            return [path];
        }
        if (!IsNpy(path)) throw new ArgumentException($"--out '{path}': codes are written as .csv or .npy");
        AtomicFile.WriteAllBytes(LabelsPath(path), NpyFile.Int64([.. c.Labels.Select(l => (long)l)], c.Count));
        AtomicFile.WriteAllText(ClassesPath(path), string.Concat(c.ClassNames.Select(n => n.ReplaceLineEndings(" ") + "\n")));
        AtomicFile.WriteAllBytes(path, NpyFile.Float32(c.Values, c.Count, c.Dimension));
        return [path, LabelsPath(path), ClassesPath(path)];
    }

    private static string Csv(Codes c)
    {
        var sb = new StringBuilder("index,label,class");
        for (int d = 1; d <= c.Dimension; d++) sb.Append(",code").Append(d);
        sb.Append('\n');
        for (int i = 0; i < c.Count; i++)
        {
            sb.Append(i).Append(',').Append(c.Labels[i]).Append(',').Append(CsvField.Quoted(c.ClassNames[c.Labels[i]]));
            foreach (float v in c.Values.AsSpan(i * c.Dimension, c.Dimension)) sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads codes written by <see cref="Write"/> (or by anyone, in the same layouts); every problem is a FormatException naming the file and where.</summary>
    public static Codes Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--codes: {path} not found");
        if (IsNpy(path)) return ReadNpy(path);
        if (IsCsv(path)) return ReadCsv(path);
        throw new FormatException($"--codes {path}: codes are read from .csv or .npy files");
    }

    private static Codes ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() is { } h ? CsvField.Split(h) : null;
        if (header is null || header.Count < 4 || header[0] != "index" || header[1] != "label" || header[2] != "class")
            throw new FormatException($"{path}: line 1 must be the header index,label,class,code1,...,codeD");
        int dim = header.Count - 3;
        var values = new List<float>();
        var labels = new List<byte>();
        var names = new SortedDictionary<int, string>();
        int line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var fields = CsvField.Split(text);
            if (fields is null || fields.Count != header.Count)
                throw new FormatException($"{path}: line {line}: {(fields is null ? "a quote is not closed" : $"{fields.Count} fields, expected {header.Count}")}");
            if (!byte.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte label))
                throw new FormatException($"{path}: line {line}: label '{Short(fields[1])}' is not an integer 0..255");
            labels.Add(label);
            if (names.TryGetValue(label, out var known) && known != fields[2])
                throw new FormatException($"{path}: line {line}: label {label} is class '{Short(fields[2])}' here but '{Short(known)}' before");
            names[label] = fields[2];
            for (int d = 0; d < dim; d++)
            {
                if (!float.TryParse(fields[3 + d], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                    throw new FormatException($"{path}: line {line}, column {4 + d} ({header[3 + d]}): '{Short(fields[3 + d])}' is not a finite number");
                values.Add(v);
            }
        }
        if (labels.Count == 0) throw new FormatException($"{path}: no codes after the header");
        int classes = names.Keys.Max() + 1;
        var classNames = Enumerable.Range(0, classes).Select(k => names.TryGetValue(k, out var n) ? n : k.ToString(CultureInfo.InvariantCulture)).ToList();
        return new Codes([.. values], labels.Count, dim, [.. labels], classNames);
    }

    private static Codes ReadNpy(string path)
    {
        var codes = NpyFile.Read(File.ReadAllBytes(path), path);
        if (codes.Shape.Length != 2 || codes.Integers is not null)
            throw new FormatException($"{path}: codes must be a 2-D float array (N, D), got shape ({string.Join(", ", codes.Shape)})");
        string labelsPath = LabelsPath(path);
        if (!File.Exists(labelsPath)) throw new FileNotFoundException($"--codes: {labelsPath}, the labels of {path}, not found");
        var labels = NpyFile.Read(File.ReadAllBytes(labelsPath), labelsPath);
        if (labels.Integers is null || labels.Shape.Length != 1 || labels.Shape[0] != codes.Shape[0])
            throw new FormatException($"{labelsPath}: labels must be {codes.Shape[0]} integers, shape ({codes.Shape[0]},), got shape ({string.Join(", ", labels.Shape)}){(labels.Integers is null ? " of floats" : "")}");
        int bad = System.Array.FindIndex(labels.Integers, l => l is < 0 or > 255);
        if (bad >= 0) throw new FormatException($"{labelsPath}: label {labels.Integers[bad]} of row {bad} is outside 0..255");
        if (System.Array.FindIndex(codes.Values, v => !float.IsFinite(v)) is int nonFinite and >= 0)
            throw new FormatException($"{path}: value {nonFinite} is not finite");
        var bytes = labels.Integers.Select(l => (byte)l).ToArray();
        int classes = bytes.Length == 0 ? 1 : bytes.Max() + 1;
        string classesPath = ClassesPath(path);
        var names = File.Exists(classesPath) ? File.ReadAllLines(classesPath).ToList() : [];
        if (names.Count < classes) names.AddRange(Enumerable.Range(names.Count, classes - names.Count).Select(k => k.ToString(CultureInfo.InvariantCulture)));
        return new Codes(codes.Values, codes.Shape[0], codes.Shape[1], bytes, names);
    }

    private static string Short(string s) => Text.Printable.Of(s, 40);
}
