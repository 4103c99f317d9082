using Dexel.Testing;

namespace Dexel.Platform.Tests;

public sealed class AllServicesFixture : DexelAppFixture
{
    public static readonly string[] All = ["gateway", "auth", "playlist", "streaming", "analytics", "voice"];

    protected override IReadOnlyList<string> ServicesToStart => All;
}
