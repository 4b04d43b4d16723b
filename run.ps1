# GpuAE for Windows PowerShell: a thin wrapper; every line mirrors a command in README.md.
#   .\run.ps1 quickstart        -> dotnet run --project src/GpuAE.Cli -c Release -- quickstart
#   .\run.ps1 test              -> dotnet test GpuAE.sln -c Release
#   .\run.ps1 <gpuae arguments> -> dotnet run --project src/GpuAE.Cli -c Release -- <gpuae arguments>
param([Parameter(ValueFromRemainingArguments = $true)][string[]]$Arguments)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
if ($Arguments.Count -gt 0 -and $Arguments[0] -eq 'test') {
    dotnet test GpuAE.sln -c Release
} else {
    dotnet run --project src/GpuAE.Cli -c Release -- @Arguments
}
exit $LASTEXITCODE
