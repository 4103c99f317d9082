using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Dexel.Gateway.ReverseProxy;

/// <summary>
/// Turns cluster addresses like "http://auth" into the endpoints service discovery knows
/// (services__auth__http__0 and so on). Stands in for Microsoft.Extensions.ServiceDiscovery.Yarp,
/// which our NuGet mirror does not serve.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var address = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(address.GetLeftPart(UriPartial.Authority), cancellationToken);
            if (source.ChangeToken is not null) changeTokens.Add(source.ChangeToken);

            foreach (var endpoint in source.Endpoints)
            {
                var text = endpoint.ToString()!;
                var target = new Uri(text.Contains("://") ? text : $"{address.Scheme.Split('+')[^1]}://{text}");
                var rewritten = new UriBuilder(address) { Scheme = target.Scheme, Host = target.Host, Port = target.Port };
                resolved[$"{name}[{text}]"] = destination with { Address = rewritten.Uri.ToString() };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
