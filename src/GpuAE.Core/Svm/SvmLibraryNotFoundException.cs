namespace GpuAE.Svm;

/// <summary>
/// libsvm's shared library is not installed (or is not 3.x). A missing file the user can fix, so it
/// derives from <see cref="FileNotFoundException"/> and the CLI reports it as one line.
/// </summary>
public sealed class SvmLibraryNotFoundException(string message) : FileNotFoundException(message);
