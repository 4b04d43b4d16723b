namespace GpuAE.Training;

/// <summary>
/// Notices a run going wrong: a training loss that is not finite or has risen by two orders of
/// magnitude above the first epoch's. Each kind of trouble is reported once per run.
/// </summary>
public sealed class DivergenceWatch
{
    /// <summary>A loss this many times the first epoch's has risen "by orders of magnitude".</summary>
    public const double RiseFactor = 100;

    private double _first = double.NaN;
    private bool _reported, _collapseReported;

    /// <summary>A one-line warning for this epoch's training loss, or null.</summary>
    public string? Check(int epoch, double trainLoss)
    {
        if (double.IsNaN(_first) && double.IsFinite(trainLoss)) _first = trainLoss;
        if (_reported) return null;
        if (!double.IsFinite(trainLoss))
        {
            _reported = true;
            return $"warning: epoch {epoch}: the training loss is {trainLoss} (diverged); try a lower --lr";
        }
        if (_first > 0 && trainLoss > RiseFactor * _first)
        {
            _reported = true;
            return $"warning: epoch {epoch}: the training loss rose from {_first:G4} to {trainLoss:G4} (x{trainLoss / _first:G3}); try a lower --lr";
        }
        return null;
    }

    /// <summary>A one-line warning when the test evaluation says the output collapsed to a constant, or null.</summary>
    public string? CheckCollapse(int epoch, string? collapse)
    {
        if (collapse is null || _collapseReported) return null;
        _collapseReported = true;
        return $"warning: epoch {epoch}: {collapse}; try a lower --lr or the model's recipe (gpuae models)";
    }
}
