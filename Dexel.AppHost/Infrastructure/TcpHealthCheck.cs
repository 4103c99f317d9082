using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dexel.AppHost.Infrastructure;

/// <summary>Healthy when the first "host:port" of the address (a bootstrap list, say) accepts a connection.</summary>
public sealed class TcpHealthCheck(Func<string> address) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var first = address().Split(',')[0];
        var separator = first.LastIndexOf(':');
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(first[..separator], int.Parse(first[(separator + 1)..]), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy($"{first} refused the connection.", ex);
        }
    }
}
