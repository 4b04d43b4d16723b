# GpuAE for Windows PowerShell: a thin wrapper; every line mirrors a command in README.md.
#   .\run.ps1 quickstart        -> dotnet run --project src/GpuAE.Cli -c Release -- quickstart
#   .\run.ps1 test              -> dotnet test GpuAE.sln -c Release
#   .\run.ps1 install           -> dotnet pack src/GpuAE.Cli -c Release
#                                  dotnet tool install --global --add-source ./nupkg GpuAE
#   .\run.ps1 <gpuae arguments> -> dotnet run --project src/GpuAE.Cli -c Release -- <gpuae arguments>
param([Parameter(ValueFromRemainingArguments = $true)][string[]]$Arguments)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
if ($Arguments.Count -gt 0 -and $Arguments[0] -eq 'test') {
    dotnet test GpuAE.sln -c Release
} elseif ($Arguments.Count -gt 0 -and $Arguments[0] -eq 'install') {
    dotnet pack src/GpuAE.Cli -c Release
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    dotnet tool install --global --add-source ./nupkg GpuAE
} else {
    dotnet run --project src/GpuAE.Cli -c Release -- @Arguments
}
exit $LASTEXITCODE
