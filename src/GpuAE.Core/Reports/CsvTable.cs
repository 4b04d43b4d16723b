using System.Globalization;
using System.Text;

namespace GpuAE.Reports;

/// <summary>
/// A CSV file as a header and rows of strings (RFC 4180 quoting; blank lines ignored). Every row must
/// have as many fields as the header; anything else is a <see cref="FormatException"/> naming the line.
/// </summary>
public sealed class CsvTable
{
    public CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    public int ColumnIndex(string name) =>
        Header.ToList().FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The column's values as numbers; NaN where a value is not a number.</summary>
    public double[] Numbers(int column) => Rows.Select(r => ParseNumber(r[column])).ToArray();

    public static double ParseNumber(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    public static CsvTable Load(string path) => Parse(File.ReadAllText(path));

    public static CsvTable Parse(string text)
    {
        var records = Records(text).Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0)).ToList();
        if (records.Count == 0) throw new FormatException("the file is empty (no header line)");
        var header = records[0].Fields;
        if (header.Any(string.IsNullOrWhiteSpace)) throw new FormatException($"line {records[0].Line}: the header has an empty column name");
        var rows = new List<string[]>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
                throw new FormatException($"line {line}: {fields.Count} fields, the header has {header.Count}");
            rows.Add(fields.ToArray());
        }
        return new CsvTable(header, rows);
    }

    private static IEnumerable<(int Line, List<string> Fields)> Records(string text)
    {
        int line = 1, start = 1, i = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i = Quoted(text, i + 1, field, ref line);
                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    throw new FormatException($"line {line}: text after a closing quote");
                continue;
            }
            i++;
            if (c == ',') { fields.Add(field.ToString()); field.Clear(); continue; }
            if (c is '\n' or '\r')
            {
                if (c == '\r' && i < text.Length && text[i] == '\n') i++;
                fields.Add(field.ToString()); field.Clear();
                yield return (start, fields);
                fields = [];
                start = ++line;
                continue;
            }
            field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }

    /// <summary>Reads a quoted field starting after its opening quote; returns the index after the closing quote.</summary>
    private static int Quoted(string text, int i, StringBuilder field, ref int line)
    {
        int opened = line;
        while (i < text.Length)
        {
            char c = text[i++];
            if (c == '"')
            {
                if (i < text.Length && text[i] == '"') { field.Append('"'); i++; continue; }
                return i;
            }
            if (c == '\n') line++;
            field.Append(c);
        }
        throw new FormatException($"line {opened}: a quoted field is never closed");
    }
}
