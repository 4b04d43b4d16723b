using System.Reflection;

namespace GpuAE.Tests.Compute;

/// <summary>
/// The shared accelerators (an OpenCL command queue and its kernels' arguments) are not
/// thread-safe, so every test class that runs on them must be in the one sequential collection;
/// a class outside it once made an OpenCL training-parity run diverge under a parallel suite.
/// </summary>
public sealed class AcceleratorCollectionTests
{
    [Fact]
    public void Every_test_class_that_runs_on_the_shared_accelerators_is_in_their_collection()
    {
        var outside = typeof(AcceleratorCollectionTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<MemberDataAttribute>().Any(d => d.MemberType == typeof(AcceleratorSpecs))))
            .Where(t => !CollectionNames(t).Contains(AcceleratorCollection.Name))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(outside);
    }

    /// <summary>The names given to [Collection("...")] on a class (xunit reads them from the attribute's constructor argument).</summary>
    private static IEnumerable<object?> CollectionNames(Type t) =>
        t.GetCustomAttributesData().Where(a => a.AttributeType == typeof(CollectionAttribute)).Select(a => a.ConstructorArguments[0].Value);
}
