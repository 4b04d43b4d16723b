using System.Reflection;

namespace GpuAE.Tests.Compute;

/// <summary>
/// The shared accelerators are opened once per test run and hold state between calls (kernel
/// variants chosen, the im2col scratch limit), and ILGPU's CPU accelerator runs each work-group
/// on as many threads as it has items: every test class that runs on them must be in the one
/// sequential collection. (A class outside it once made an OpenCL training-parity run diverge
/// under a parallel suite.)
/// </summary>
public sealed class AcceleratorCollectionTests
{
    [Fact]
    public void Every_test_class_that_runs_on_the_shared_accelerators_is_in_their_collection()
    {
        var users = SharedAcceleratorUsers().ToList();
        Assert.Contains(typeof(GemmParityOnIlgpuCpu), users);
        var outside = users.Where(t => !CollectionNames(t).Contains(AcceleratorCollection.Name)).Select(t => t.FullName).ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void Every_op_family_runs_on_every_backend()
    {
        var families = typeof(AcceleratorCollectionTests).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.BaseType == typeof(BackendTests)).ToList();
        Assert.NotEmpty(families);
        foreach (var family in families)
        {
            var backends = family.Assembly.GetTypes().Where(t => t.BaseType == family).ToList();
            Assert.All(backends, t => Assert.True(t.IsSealed, $"{t.Name} is not sealed"));
            Assert.Equal(Enum.GetNames<Backend>().Select(b => family.Name.Replace("Tests", "On" + b)).Order(), backends.Select(t => t.Name).Order());
        }
    }

    /// <summary>
    /// Concrete classes that open the shared accelerators: the op family tests (subclasses of
    /// BackendTests, whose collection attribute they inherit) and theories over the specs of
    /// AcceleratorSpecs or TrainingRuntimes. (AcceleratorSpecs.TryOpen also checks the running
    /// test's collection, whatever brought it there.)
    /// </summary>
    private static IEnumerable<Type> SharedAcceleratorUsers() =>
        typeof(AcceleratorCollectionTests).Assembly.GetTypes().Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(BackendTests)) ||
            t.GetMethods().Any(m => m.GetCustomAttributes<MemberDataAttribute>().Any(d => d.MemberType == typeof(AcceleratorSpecs) || d.MemberType == typeof(Training.TrainingRuntimes)))));

    /// <summary>The names given to [Collection("...")] on a class or a class it derives from (xunit reads them from the attribute's constructor argument).</summary>
    private static IEnumerable<object?> CollectionNames(Type t)
    {
        for (var type = t; type is not null; type = type.BaseType)
            foreach (var name in type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(CollectionAttribute)).Select(a => a.ConstructorArguments[0].Value))
                yield return name;
    }
}
