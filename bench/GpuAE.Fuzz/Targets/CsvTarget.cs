using System.Text;
using GpuAE.Data;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// Kaggle-layout CSV datasets (label,pixel1..pixel784), raw and gzipped, read by the CSV
/// dataset reader. Besides byte mutations, fields are replaced by values a careless export
/// produces (negative, 256, huge, fractional, NaN, quoted, empty) and commas and lines are
/// added or dropped.
/// </summary>
public sealed class CsvTarget : FuzzTarget
{
    public override string Name => "csv";

    public override IReadOnlyList<Seed> Seeds()
    {
        var random = new Random(2);
        var sb = new StringBuilder("label," + string.Join(",", Enumerable.Range(1, 784).Select(i => $"pixel{i}")) + "\n");
        for (int row = 0; row < 12; row++) sb.Append(row % 10).Append(',').Append(string.Join(",", Enumerable.Range(0, 784).Select(_ => random.Next(256)))).Append('\n');
        var text = Encoding.UTF8.GetBytes(sb.ToString());
        var headless = Encoding.UTF8.GetBytes(sb.ToString()[(sb.ToString().IndexOf('\n') + 1)..]);
        return [new("train.csv", text), new("train.csv.gz", IdxTarget.Gzip(text)), new("headless.csv", headless)];
    }

    private static readonly string[] Values = ["-1", "256", "99999999999999999999", "3.5", "NaN", "\"7\"", "", " 12", "0x10", "1e2", "\u0000", "٣"];

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all)
    {
        if (seed.Name.EndsWith(".gz") || r.Next(3) == 0) return base.Mutate(seed, r, all);
        var lines = Encoding.UTF8.GetString(seed.Bytes).Split('\n').ToList();
        for (int i = 1 + r.Next(3); i > 0 && lines.Count > 0; i--)
        {
            int line = r.Next(lines.Count);
            var fields = lines[line].Split(',').ToList();
            switch (r.Next(5))
            {
                case 0: fields[r.Next(fields.Count)] = Values[r.Next(Values.Length)]; break;
                case 1: fields.Insert(r.Next(fields.Count + 1), Values[r.Next(Values.Length)]); break;
                case 2: if (fields.Count > 0) fields.RemoveAt(r.Next(fields.Count)); break;
                case 3: lines.Insert(r.Next(lines.Count + 1), lines[line]); break;
                default: lines.RemoveAt(line); continue;
            }
            lines[line] = string.Join(r.Next(10) == 0 ? ";" : ",", fields);
        }
        return Encoding.UTF8.GetBytes(string.Join(r.Next(5) == 0 ? "\r\n" : "\n", lines));
    }

    public override void Read(string folder, Seed seed, byte[] input)
    {
        string path = Path.Combine(folder, seed.Name);
        File.WriteAllBytes(path, input);
        CsvDatasetReader.Read(path, "custom", "train");
    }
}
