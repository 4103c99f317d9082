using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Dexel.Gateway.Security;

internal static class GatewayAuthentication
{
    /// <summary>JWT validation (shared with every service) plus the gateway-only session check.</summary>
    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.AddSingleton<SessionCheck>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure(options => options.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var sessionId = context.Principal?.FindFirst("sid")?.Value;
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
                    if (sessionId is null || !await sessions.IsLiveAsync(sessionId))
                        context.Fail("The session of this token has ended.");
                },
            });
        return builder;
    }
}
