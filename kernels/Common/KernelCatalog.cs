using System.Reflection;

namespace GpuAE.Kernels.Common;

/// <summary>
/// Every ILGPU kernel entry point of this project: the public static void methods of the
/// `...Kernels` classes (helpers are private), generic ones closed over every tiling that
/// exists. For tests that compile all kernels for a backend (the PTX tests need no GPU).
/// </summary>
public static class KernelCatalog
{
    public static IReadOnlyList<MethodInfo> All { get; } = Find();

    private static List<MethodInfo> Find()
    {
        var assembly = typeof(KernelCatalog).Assembly;
        var kernels = new List<MethodInfo>();
        foreach (var type in assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Kernels", StringComparison.Ordinal)))
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (method.ReturnType != typeof(void)) continue;
            if (!method.IsGenericMethodDefinition) { kernels.Add(method); continue; }
            var constraint = method.GetGenericArguments()[0].GetGenericParameterConstraints().Single(c => c.IsInterface);
            foreach (var argument in assembly.GetTypes().Where(t => t.IsValueType && constraint.IsAssignableFrom(t)))
                kernels.Add(method.MakeGenericMethod(argument));
        }
        return kernels;
    }

    /// <summary>"GemmKernels.RegisterBlocked&lt;Tiling64&gt;": a kernel's name in test output.</summary>
    public static string Describe(MethodInfo kernel) =>
        $"{kernel.DeclaringType!.Name}.{kernel.Name}{(kernel.IsGenericMethod ? "<" + string.Join(",", kernel.GetGenericArguments().Select(a => a.Name)) + ">" : "")}";
}
