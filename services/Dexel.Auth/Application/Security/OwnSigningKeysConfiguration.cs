using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dexel.Auth.Application.Security;

/// <summary>Auth validates its own tokens with the keys it signs with, not over HTTP to itself.</summary>
internal sealed class OwnSigningKeysConfiguration(SigningKeys keys) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration();
        foreach (var key in await keys.AllAsync(cancel)) configuration.SigningKeys.Add(key);
        return configuration;
    }

    public void RequestRefresh() { }
}
