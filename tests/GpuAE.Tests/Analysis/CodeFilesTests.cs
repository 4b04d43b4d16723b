using System.Buffers.Binary;
using System.Text;
using GpuAE.Analysis;
using GpuAE.IO;
using GpuAE.Tests.Data;

namespace GpuAE.Tests.Analysis;

/// <summary>The codes `gpuae encode` writes (.csv, .npy with labels and class names beside it) read back as written; bad files are one line.</summary>
public sealed class CodeFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CodeFiles.Codes Sample() =>
        new(TestData.Uniform(3 * 4, 5), 3, 4, [2, 0, 1], ["T-shirt/top", "with, comma", "with \"quotes\""]);

    [Theory]
    [InlineData("codes.csv")]
    [InlineData("codes.npy")]
    public void Codes_read_back_exactly_as_written(string name)
    {
        var codes = Sample();

        CodeFiles.Write(_dir.File(name), codes);
        var read = CodeFiles.Read(_dir.File(name));

        Assert.Equal((codes.Count, codes.Dimension), (read.Count, read.Dimension));
        Assert.Equal(codes.Values, read.Values);
        Assert.Equal(codes.Labels, read.Labels);
        Assert.Equal(codes.ClassNames, read.ClassNames);
    }

    [Fact]
    public void The_csv_has_index_label_class_and_one_column_per_value()
    {
        CodeFiles.Write(_dir.File("c.csv"), Sample());

        var lines = File.ReadAllLines(_dir.File("c.csv"));

        Assert.Equal("index,label,class,code1,code2,code3,code4", lines[0]);
        Assert.StartsWith("1,0,\"T-shirt/top\",", lines[2]);
        Assert.StartsWith("2,1,\"with, comma\",", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void The_npy_files_are_numpy_1_0_float32_codes_int64_labels_and_class_names_by_line()
    {
        var written = CodeFiles.Write(_dir.File("c.npy"), Sample());

        Assert.Equal([_dir.File("c.npy"), _dir.File("c.labels.npy"), _dir.File("c.classes.txt")], written);
        byte[] codes = File.ReadAllBytes(_dir.File("c.npy"));
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], codes[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(codes.AsSpan(8));
        string header = Encoding.ASCII.GetString(codes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 3 * 4 * 4, codes.Length);
        Assert.Equal(Sample().Values[5], BinaryPrimitives.ReadSingleLittleEndian(codes.AsSpan(10 + headerLength + 5 * 4)));
        byte[] labels = File.ReadAllBytes(_dir.File("c.labels.npy"));
        Assert.Contains("'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", Encoding.ASCII.GetString(labels));
        Assert.Equal(2L, BinaryPrimitives.ReadInt64LittleEndian(labels.AsSpan(labels.Length - 24)));
        Assert.Equal(["T-shirt/top", "with, comma", "with \"quotes\""], File.ReadAllLines(_dir.File("c.classes.txt")));
    }

    [Fact]
    public void Npy_codes_without_their_labels_file_are_an_error_naming_it()
    {
        File.WriteAllBytes(_dir.File("c.npy"), NpyFile.Float32([1f, 2f], 1, 2));

        var e = Assert.Throws<FileNotFoundException>(() => CodeFiles.Read(_dir.File("c.npy")));

        Assert.Contains("c.labels.npy, the labels of", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", "Fortran-ordered arrays are not read")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }", "dtype '>f4' is not read")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", "shape (2, 2) of <f4 needs 16 data bytes, the file has 8")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999, 99999, 99999), }", "holds more values than the file")]
    [InlineData("{'descr': '<f4'}", "the .npy header is not the dict")]
    public void A_malformed_npy_file_is_one_line(string header, string expected)
    {
        var bytes = new List<byte>([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0]);
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(new byte[8]);

        var e = Assert.Throws<FormatException>(() => NpyFile.Read([.. bytes], "x.npy"));

        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("index,label,class,code1\n0,1,\"a\",0.5\n1,x,\"b\",1\n", "line 3: label 'x' is not an integer 0..255")]
    [InlineData("index,label,class,code1\n0,1,\"a\",nan\n", "line 2, column 4 (code1): 'nan' is not a finite number")]
    [InlineData("index,label,class,code1\n0,1,\"a\n", "line 2: a quote is not closed")]
    [InlineData("index,label,class,code1\n0,1,\"a\",1,2\n", "line 2: 5 fields, expected 4")]
    [InlineData("index,label,class,code1\n0,1,\"a\",1\n1,1,\"b\",2\n", "line 3: label 1 is class 'b' here but 'a' before")]
    [InlineData("x,y\n", "line 1 must be the header index,label,class,code1,...,codeD")]
    [InlineData("index,label,class,code1\n", "no codes after the header")]
    public void A_malformed_codes_csv_is_one_line_naming_the_line(string text, string expected)
    {
        File.WriteAllText(_dir.File("c.csv"), text);

        var e = Assert.Throws<FormatException>(() => CodeFiles.Read(_dir.File("c.csv")));

        Assert.Contains(expected, e.Message);
    }
}
