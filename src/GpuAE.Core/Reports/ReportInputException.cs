namespace GpuAE.Reports;

/// <summary>The folder given to the report holds nothing a report can be made of (one-line message naming it).</summary>
public sealed class ReportInputException(string message) : Exception(message);
