namespace GpuAE.Layers;

/// <summary>
/// A host copy of every parameter of a built network, to put the network back to that point
/// later (each self-training round restarts from the network fine-tuned on the labelled images).
/// Only <see cref="Network.Parameters"/> are copied: layers with other state (batch norm's
/// running statistics) keep theirs.
/// </summary>
public sealed class WeightsSnapshot
{
    private readonly float[][] _values;

    private WeightsSnapshot(float[][] values) => _values = values;

    /// <summary>The copied values, one array per parameter in <see cref="Network.Parameters"/> order (saved with a resumable run).</summary>
    public IReadOnlyList<float[]> Values => _values;

    /// <summary>A snapshot from saved values (see <see cref="Values"/>).</summary>
    public static WeightsSnapshot FromValues(float[][] values) => new(values);

    public static WeightsSnapshot Take(Network network) => new([.. network.Parameters.Select(p =>
    {
        var values = new float[p.Length];
        p.Value.Download(values);
        return values;
    })]);

    public void RestoreTo(Network network)
    {
        var parameters = network.Parameters.ToList();
        if (parameters.Count != _values.Length || parameters.Where((p, i) => p.Length != _values[i].Length).Any())
            throw new ArgumentException("the snapshot was taken from a network with other parameters");
        for (int i = 0; i < parameters.Count; i++) parameters[i].Value.Upload(_values[i]);
    }
}
