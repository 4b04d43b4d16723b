using GpuAE.Tests.Compute;

namespace GpuAE.Tests.Training;

/// <summary>
/// Which accelerators the whole-model training tests run on. ILGPU's CPU accelerator (ilgpu-cpu)
/// runs each work-item of a group on an OS thread (measured here: about 8 us per item of an
/// element-wise kernel, far more with barriers), so it trains only the tiny networks of the
/// training-parity tests (dense, small conv, residual: every op family); the catalog's models
/// train on cpu and on every GPU found.
/// </summary>
public static class TrainingRuntimes
{
    /// <summary>cpu, then every CUDA and OpenCL device (or their missing placeholders, which skip).</summary>
    public static TheoryData<string> ManagedAndGpus
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var spec in AcceleratorSpecs.Specs().Where(s => !AcceleratorSpecs.IsEmulated(s))) data.Add(spec);
            return data;
        }
    }

    /// <summary>Every CUDA and OpenCL device (or their missing placeholders).</summary>
    public static IEnumerable<string> Gpus() => AcceleratorSpecs.Specs().Where(s => s != "cpu" && !AcceleratorSpecs.IsEmulated(s));
}
