using Mono.Cecil;
using NetArchTest.Rules;

namespace Dexel.Architecture.Tests;

/// <summary>
/// Every service has the same shape: entry points (<c>Apis</c>, <c>IntegrationEvents</c>, and the
/// gateway's HTTP pipeline in <c>Edge</c>) call the <c>Application</c> layer, which works on the
/// <c>Model</c>; <c>Infrastructure</c> (EF Core, stores, external processes) sits at the edge and is
/// used by both; <c>Extensions</c> and <c>Program</c> compose them. A dependency that points back
/// (the model reaching for the application, the application for an endpoint's types) fails here.
/// </summary>
public sealed class ServiceLayerTests
{
    private static readonly string[] Layers = ["Apis", "IntegrationEvents", "Edge", "Application", "Model", "Infrastructure", "Extensions"];

    /// <summary>What each layer must not use, beside the composition root that may use everything.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new()
    {
        ["Model"] = ["Apis", "IntegrationEvents", "Edge", "Application", "Infrastructure", "Extensions"],
        ["Application"] = ["Apis", "IntegrationEvents", "Edge", "Extensions"],
        ["Infrastructure"] = ["Apis", "IntegrationEvents", "Edge", "Application", "Extensions"],
        ["Apis"] = ["IntegrationEvents", "Extensions"],
        ["IntegrationEvents"] = ["Apis", "Edge", "Extensions"],
        ["Edge"] = ["Apis", "IntegrationEvents", "Extensions"],
    };

    public static TheoryData<string> Services => ["Gateway", "Auth", "Playlist", "Streaming", "Analytics", "Voice"];

    public static TheoryData<string, string> ServiceLayers()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in Services)
            foreach (var layer in Forbidden.Keys)
                data.Add(service, layer);
        return data;
    }

    [Theory]
    [MemberData(nameof(ServiceLayers))]
    public void A_layer_depends_only_inward(string service, string layer)
    {
        var result = ServiceTypes(service)
            .That().ResideInNamespace($"Dexel.{service}.{layer}")
            .ShouldNot().HaveDependencyOnAny([.. Forbidden[layer].Select(l => $"Dexel.{service}.{l}")])
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{service}'s {layer} depends on a layer it must not: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    // The root namespace holds only configuration: options classes and the enums they use.
    public void Every_type_sits_in_a_layer(string service)
    {
        var root = $"Dexel.{service}";
        var outside = TypeDefinitions(service)
            .Where(t => t.Namespace == root ? !(t.Name.EndsWith("Options", StringComparison.Ordinal) || t.IsEnum) : t.Namespace.StartsWith(root + ".", StringComparison.Ordinal))
            .Where(t => !Layers.Any(l => t.Namespace == $"{root}.{l}" || t.Namespace.StartsWith($"{root}.{l}.", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(outside.Count == 0, $"Types outside {string.Join(", ", Layers)}: {string.Join(", ", outside)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Endpoints_and_use_cases_exist(string service)
    {
        // Guards the rules above against passing vacuously after a rename.
        var namespaces = TypeDefinitions(service).Select(t => t.Namespace).ToHashSet();
        Assert.Contains($"Dexel.{service}.Apis", namespaces);
        Assert.Contains(namespaces, ns => ns.StartsWith($"Dexel.{service}.Application", StringComparison.Ordinal));
    }

    private static string AssemblyPath(string service)
    {
        var project = $"Dexel.{service}";
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "bin", project, AppHostModel.Configuration, project + ".dll");
        Assert.True(File.Exists(path), $"{path} is not built");
        return path;
    }

    private static Types ServiceTypes(string service) => Types.FromFile(AssemblyPath(service));

    private static List<TypeDefinition> TypeDefinitions(string service)
    {
        using var module = ModuleDefinition.ReadModule(AssemblyPath(service));
        return [.. module.Types];
    }
}
