using GpuAE.Compute.Cpu;
using GpuAE.Compute.Tuning;
using GpuAE.Data;
using GpuAE.Layers;
using GpuAE.Losses;
using GpuAE.Models;
using GpuAE.Noise;
using GpuAE.Optimizers;
using GpuAE.Training;

namespace GpuAE.Tests.Tuning;

/// <summary>Tuning before training learns the model's shapes without changing anything the training will use.</summary>
public sealed class SessionTuningTests
{
    private static Dataset Synthetic(int n) => new("synthetic", "train", TestData.Images(n, 28, 28, 3), new byte[n], KnownDatasets.DigitClassNames);

    [Fact]
    public void TuningAModelWalksItsShapesWithoutTouchingWeightsStatisticsOrGradients()
    {
        using var acc = new CpuAccelerator();
        // cnn-keras (the Windsor authors' CNN) ends in a linear dense layer: MSE, as its recipe.
        using var network = ModelCatalog.Create(new ModelConfig { Name = "cnn-keras", Loss = "mse" });
        network.Build(acc, new TensorShape(1, 28, 28), 6, seed: 2);
        using var loss = Loss.Create(LossKind.Mse);
        loss.Build(acc, network);
        using var optimizer = new Sgd(0.1f);
        using var session = new TrainingSession(acc, network, loss, optimizer, Synthetic(12), NoiseSpec.Parse("mask:0.2"), 5);
        var before = network.Parameters.Select(p => (p.Value.ToArray(), p.Gradient.ToArray())).ToList();
        var state = network.Layers.OfType<BatchNorm2d>().SelectMany(b => b.State).Select(t => t.Value.ToArray()).ToList();

        var choices = session.TuneKernels(cache: null);

        Assert.Contains(choices, c => c.Shape.Op == TunedOp.ConvForward);
        Assert.Contains(choices, c => c.Shape.Op == TunedOp.ConvBackwardWeights);
        Assert.Contains(choices, c => c.Shape.IsGemm);
        Assert.False(acc.ShapesOnly);
        var after = network.Parameters.Select(p => (p.Value.ToArray(), p.Gradient.ToArray())).ToList();
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Item1, after[i].Item1);
            Assert.Equal(before[i].Item2, after[i].Item2);
        }
        Assert.Equal(state, network.Layers.OfType<BatchNorm2d>().SelectMany(b => b.State).Select(t => t.Value.ToArray()).ToList());
    }
}
