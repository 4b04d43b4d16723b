using System.Diagnostics;
using GpuAE.Compute;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;
using GpuAE.Progress;

namespace GpuAE.Stacked;

/// <summary>Mean reconstruction loss (BCE per code unit) over the iterations up to <see cref="Iteration"/>.</summary>
public sealed record PretrainPoint(int Iteration, double Loss);

/// <summary>What pretraining one layer did: its widths, the loss curve, the speed.</summary>
public sealed record LayerPretrainResult(int Layer, int Inputs, int Units, int Iterations, IReadOnlyList<PretrainPoint> Curve, double Seconds, double SamplesPerSecond)
{
    public double FirstLoss => Curve.Count == 0 ? double.NaN : Curve[0].Loss;
    public double FinalLoss => Curve.Count == 0 ? double.NaN : Curve[^1].Loss;
}

/// <summary>
/// Pretrains one layer of the stack as a sigmoid denoising autoencoder on the codes of the
/// layer below: Dense+Sigmoid encoder, Dense+Sigmoid decoder, BCE against the clean codes,
/// the noise applied to the input codes on the device (<see cref="TrainingSession"/>'s step).
/// One iteration is one SGD update on one minibatch of `batch` codes; the minibatches walk
/// through shuffled passes over the codes (iteration i is batch i mod B of pass i div B + 1,
/// B = ceil(codes / batch)), so 500 iterations at batch 20 over 5000 codes are two passes.
/// </summary>
public static class LayerPretrainer
{
    /// <summary>Loss points recorded per layer (the loss is read from the device this often).</summary>
    public const int CurvePoints = 50;

    /// <summary>Trains a fresh autoencoder on <paramref name="codes"/> and returns it (layers 0-1 are the encoder).</summary>
    public static (Network Autoencoder, LayerPretrainResult Result) Train(Accelerator acc, Dataset codes, int layer, int units, int iterations,
        int batch, float learningRate, NoiseSpec noise, ulong seed, ITrainingObserver observer)
    {
        var autoencoder = new Network([new Dense(units), new Sigmoid(), new Dense(codes.SampleSize), new Sigmoid()]);
        int rowsMax = Math.Max(1, Math.Min(batch, codes.Count));
        autoencoder.Build(acc, new TensorShape(1, codes.Height, codes.Width), rowsMax, seed + (ulong)layer);
        using var loss = new BinaryCrossEntropy();
        loss.Build(acc, autoencoder);
        using var optimizer = new Sgd(learningRate);
        using var session = new TrainingSession(acc, autoencoder, loss, optimizer, codes, noise, seed + (ulong)layer);
        var result = Run(session, layer, iterations, observer);
        return (autoencoder, result);
    }

    private static LayerPretrainResult Run(TrainingSession s, int layer, int iterations, ITrainingObserver observer)
    {
        int n = s.Train.Count, batch = s.Network.MaxBatch, perPass = (n + batch - 1) / batch, units = s.Network.Layers[0].OutputShape.Size;
        int curveEvery = Math.Max(1, iterations / CurvePoints);
        var curve = new List<PretrainPoint>();
        var clock = Stopwatch.StartNew();
        double every = observer.ProgressInterval?.TotalSeconds ?? double.PositiveInfinity, nextReport = every;
        long samples = 0, samplesSinceRecord = 0;
        int[] order = [];
        s.TakeLossSum();
        for (int i = 0; i < iterations; i++)
        {
            uint pass = (uint)(i / perPass + 1);
            int b = i % perPass, start = b * batch, rows = Math.Min(batch, n - start);
            if (b == 0) order = s.ShuffledOrder(pass);
            s.Step(order, start, rows, pass, (uint)b);
            samples += rows;
            samplesSinceRecord += rows;
            if ((i + 1) % curveEvery == 0 || i + 1 == iterations)
            {
                curve.Add(new PretrainPoint(i + 1, s.TakeLossSum() / ((double)samplesSinceRecord * s.Train.SampleSize)));
                samplesSinceRecord = 0;
            }
            double elapsed = clock.Elapsed.TotalSeconds;
            if (elapsed < nextReport || curve.Count == 0) continue;
            nextReport = elapsed + every;
            double rate = (i + 1) / elapsed;
            observer.OnProgress(new WorkProgress($"pretrain layer {layer + 1} ({s.Train.SampleSize} -> {units})", i + 1, iterations, "iterations",
                curve[^1].Loss, rate, TimeSpan.FromSeconds((iterations - i - 1) / rate)));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return new LayerPretrainResult(layer, s.Train.SampleSize, units, iterations, curve, seconds, samples / Math.Max(seconds, 1e-9));
    }
}
