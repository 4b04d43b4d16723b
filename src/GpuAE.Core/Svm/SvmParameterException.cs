namespace GpuAE.Svm;

/// <summary>libsvm's <c>svm_check_parameter</c> rejected the parameters; the message is its reason.</summary>
public sealed class SvmParameterException(string message) : ArgumentException(message);
