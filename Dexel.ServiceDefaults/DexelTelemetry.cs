using System.Diagnostics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter name Dexel's own libraries report under.</summary>
public static class DexelTelemetry
{
    public const string SourceName = "Dexel";
    public static readonly ActivitySource ActivitySource = new(SourceName);
}
