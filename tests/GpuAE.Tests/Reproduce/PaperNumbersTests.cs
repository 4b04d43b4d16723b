using GpuAE.Reproduce;

namespace GpuAE.Tests.Reproduce;

/// <summary>
/// The numbers each preset sets beside GpuAE's, as the study texts (../shared/seeds) print them.
/// Group2's are in <see cref="DeepDenoiseClassifyTests"/>.
/// </summary>
public sealed class PaperNumbersTests
{
    [Fact]
    public void Ogety_table_1_gives_training_and_testing_accuracy_at_learning_rates_0_1_to_0_5()
    {
        Assert.Equal([71.96, 71.28, 69.32, 60.04, 65.30], StackedExperiments.Table1Training);
        Assert.Equal([72, 20.20, 68.40, 68.80, 67], StackedExperiments.Table1Testing);
    }

    [Fact]
    public void Ogety_tables_2_and_3_give_accuracies_with_1_and_5_labels_per_class()
    {
        Assert.Equal((52.84, 50.30, "Table 2"), StackedExperiments.Tables2And3[(1, "none")]);
        Assert.Equal((72.80, 70.48, "Table 2"), StackedExperiments.Tables2And3[(5, "none")]);
        Assert.Equal((54.5, 50.8, "Table 3"), StackedExperiments.Tables2And3[(1, "mask:0.2")]);
        Assert.Equal((71.8, 70.8, "Table 3"), StackedExperiments.Tables2And3[(5, "mask:0.2")]);
    }

    [Fact]
    public void Ogety_table_4_gives_accuracy_at_test_noise_20_to_70_percent_for_both_training_noises()
    {
        Assert.Equal([78.0, 68.0, 62.6, 48.4, 43.2, 38], StackedExperiments.Table4["mask:0.2"]);
        Assert.Equal([63.2, 59.2, 59.0, 61.2, 54.2, 54.8], StackedExperiments.Table4["mask:0.7"]);
        Assert.Equal(84.32, StackedExperiments.SvmAccuracy);
        Assert.Equal(76.40, StackedExperiments.StackedAccuracy);
    }

    [Fact]
    public void Windsor_reports_the_losses_of_both_models_and_the_autoencoders_layer_sizes()
    {
        var ae = WindsorExperiment.Models.Single(m => m.Name == "conv-keras");
        var cnn = WindsorExperiment.Models.Single(m => m.Name == "cnn-keras");
        Assert.Equal((0.0182373, 0.01255), (ae.Train, ae.Validation));
        Assert.Equal((0.0187, 0.0132), (cnn.Train, cnn.Validation));
        Assert.Equal(600, cnn.Epochs);
        Assert.Equal((56_000, 14_000, 2048, 1000), (ae.TrainImages, ae.ValidationImages, ae.Batch, ae.Epochs));
        Assert.Equal([640, 18464, 4624, 2320, 4640, 18496, 577], WindsorExperiment.KerasSummary.Select(l => l.Parameters));
        Assert.Equal(49_761, WindsorExperiment.KerasSummary.Sum(l => l.Parameters));
    }

    [Fact]
    public void Cs307_tables_1_and_2_give_train_and_test_loss_at_epochs_1_and_20()
    {
        Assert.Equal([0.848, 0.675, 0.601, 0.599], Cs307Experiments.Reported["none"].Losses);
        Assert.Equal([1.860, 1.689, 1.600, 1.598], Cs307Experiments.Reported["gaussian:1"].Losses);
        Assert.Equal([0.922, 0.679, 0.569, 0.567], Cs307Experiments.Reported["erase"].Losses);
        Assert.Equal([0.949, 0.731, 0.600, 0.598], Cs307Experiments.Reported["gaussian:0.01"].Losses);
        Assert.Equal([1.014, 0.734, 0.612, 0.610], Cs307Experiments.Reported["gaussian:0.1"].Losses);
        Assert.Equal([1.103, 0.929, 0.852, 0.850], Cs307Experiments.Reported["gaussian:0.5"].Losses);
        Assert.All(["none", "gaussian:1", "erase"], k => Assert.Equal("Table 1", Cs307Experiments.Reported[k].Table));
    }

    [Fact]
    public void Ogety_dense_rates_are_the_papers_halved_for_gpuaes_summed_squared_error()
    {
        Assert.Equal(0.05f, OgetyDenseExperiments.GpuAERate(0.1));
        Assert.Equal(392 * 0.01, OgetyDenseExperiments.UfldlCost(0.01), 12);
    }
}
