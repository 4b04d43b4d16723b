using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.IO;
using GpuAE.Layers;
using GpuAE.Models;
using GpuAE.Optimizers;
using GpuAE.Plots;

namespace GpuAE.Training;

/// <summary>
/// The files of a run folder (formats documented in README.md, "Output files"): every file is
/// written whole to a temporary name and renamed, so a killed run never leaves half a file.
/// </summary>
public sealed class RunOutputs(string folder)
{
    public string Folder { get; } = folder;

    public string MetricsPath => Path.Combine(Folder, "metrics.csv");
    public string SummaryPath => Path.Combine(Folder, "summary.json");
    public string CheckpointPath => Path.Combine(Folder, "model.gae");
    /// <summary>loss.png and loss.svg.</summary>
    public string LossPlotPath => Path.Combine(Folder, "loss");
    public string SamplesPath => Path.Combine(Folder, "samples.png");

    /// <summary>A diverged run has infinite or NaN metrics: written as "Infinity" / "NaN" strings, not a crash.</summary>
    private static readonly JsonSerializerOptions NonFinite = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void WriteMetrics(IEnumerable<EpochRecord> records)
    {
        var sb = new StringBuilder().Append(EpochRecord.CsvHeader).Append('\n');
        foreach (var r in records) sb.Append(r.ToCsv()).Append('\n');
        AtomicFile.WriteAllText(MetricsPath, sb.ToString());
    }

    public void WriteCheckpoint(ModelConfig config, Network network) => Checkpoint.Save(CheckpointPath, config, network);

    public void WriteSummary(TrainingOptions options, Accelerator acc, TrainingResult result, Optimizer optimizer)
    {
        var json = new JsonObject
        {
            ["format"] = "gpuae-summary/1",
            ["configuration"] = JsonSerializer.SerializeToNode(options),
            ["model"] = JsonSerializer.SerializeToNode(result.Config),
            ["optimizer"] = optimizer.Name,
            ["device"] = new JsonObject
            {
                ["spec"] = acc.Info.Spec,
                ["name"] = acc.Info.Name,
                ["runtime"] = acc.Info.Runtime,
                ["kernels"] = acc.Kernels.ToString(),
            },
            ["parameters"] = result.Parameters,
            ["epochs"] = result.Epochs.Count,
            ["wall_seconds"] = Math.Round(result.WallSeconds, 3),
            ["peak_device_bytes"] = acc.PeakAllocatedBytes,
            ["final"] = JsonSerializer.SerializeToNode(result.Final, NonFinite),
        };
        AtomicFile.WriteAllText(SummaryPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public void WriteLossPlot(IReadOnlyList<EpochRecord> records, string lossName)
    {
        var epochs = records.Select(r => (double)r.Epoch).ToList();
        new LineChart { Title = "Loss per epoch", XLabel = "epoch", YLabel = $"{lossName.ToUpperInvariant()} loss (per pixel)" }
            .AddSeries("train", epochs, records.Select(r => r.TrainLoss).ToList())
            .AddSeries("test", epochs, records.Select(r => r.TestLoss).ToList())
            .Save(LossPlotPath);
    }

    /// <summary>Three labelled rows (clean, noisy, denoised) of the same test images, each noisy and denoised one captioned with its PSNR.</summary>
    public void WriteSamples(float[] clean, float[] noisy, float[] denoised, int height, int width) =>
        SampleRows.Grid(width, height, clean, clean.Length / (height * width), [("noisy", noisy, "denoised", denoised)]).Save(SamplesPath);
}
