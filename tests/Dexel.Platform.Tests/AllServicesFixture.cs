using Dexel.Testing;

namespace Dexel.Platform.Tests;

/// <summary>The classes that only read and add (no outage, no deletion) share one whole system.</summary>
[CollectionDefinition(Name)]
public sealed class AllServicesCollection : ICollectionFixture<AllServicesFixture>
{
    public const string Name = "all-services";
}

public sealed class AllServicesFixture : DexelAppFixture
{
    public static readonly string[] All = EveryService;

    protected override IReadOnlyList<string> ServicesToStart => All;
}
