using System.Text;
using System.Text.Json;
using GpuAE.Noise;
using GpuAE.Sweeps;
using GpuAE.Training;

namespace GpuAE.Fuzz.Targets;

/// <summary>
/// A sweep folder's state, read as a sweep that resumes (or `sweep merge`) reads it: sweep.json
/// (the definition: its cells and each cell's options are worked out and checked) and a cell's
/// cell.json (every finished cell's rows collected, results.csv and the sweep's charts written).
/// JSON cases are mostly kept parseable (<see cref="JsonMutator"/>) so the checks behind the parser are reached.
/// </summary>
public sealed class SweepTarget : FuzzTarget
{
    public override string Name => "sweep";

    private static readonly SweepDefinition Definition = new()
    {
        Base = new TrainingOptions { Model = "dense", Hidden = 16, Epochs = 1, Noise = NoiseSpec.None, Device = "", Out = "", DataDir = "" },
        Grid = [new("lr", ["0.1", "0.2"]), new("hidden", ["16", "32"])],
        TrainNoises = ["mask:0.2"],
        TestNoises = ["mask:0.2", "mask:0.5"],
    };

    public override IReadOnlyList<Seed> Seeds()
    {
        var cell = Definition.Cells()[1];
        var rows = Definition.TestNoises.Select((noise, i) => new SweepRow(cell.Index, cell.Label, cell.Settings.ToDictionary(s => s.Key, s => s.Value),
            cell.TrainNoise, noise, 0.3, 0.28 + i, 0.04, 0.01, 14.7, 20.2 - i, 0.55, 0.8, 3.5)).ToList();
        return
        [
            new(SweepRunner.DefinitionFile, Encoding.UTF8.GetBytes(Definition.ToJson())),
            new(SweepRunner.CellFile, JsonSerializer.SerializeToUtf8Bytes(rows, new JsonSerializerOptions { WriteIndented = true })),
        ];
    }

    public override byte[] Mutate(Seed seed, Random r, IReadOnlyList<Seed> all) =>
        r.Next(3) == 0 ? base.Mutate(seed, r, all) : JsonMutator.Mutate(seed.Bytes, r);

    public override void Read(string folder, Seed seed, byte[] input)
    {
        if (seed.Name == SweepRunner.DefinitionFile)
        {
            string path = Path.Combine(folder, seed.Name);
            File.WriteAllBytes(path, input);
            var definition = SweepDefinition.FromJson(File.ReadAllText(path), path);
            foreach (var cell in definition.Cells().Take(10_000)) definition.OptionsFor(cell, "").Validated();
            definition.SameSweepAs(Definition);
            return;
        }
        File.WriteAllText(Path.Combine(folder, SweepRunner.DefinitionFile), Definition.ToJson());
        var runner = new SweepRunner(Definition, folder);
        string cellFolder = Path.Combine(folder, Definition.Cells()[1].FolderName);
        Directory.CreateDirectory(cellFolder);
        File.WriteAllBytes(Path.Combine(cellFolder, SweepRunner.CellFile), input);
        runner.CollectRows();
        runner.WriteResults();
    }
}
