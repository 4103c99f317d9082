using Dexel.Auth.Application;
using Dexel.Auth.Application.Security;
using Dexel.Auth.Infrastructure;
using Dexel.Auth.Model;
using Dexel.Clients;
using Dexel.EventBus;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Dexel.Auth.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuthDbContext>("authdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<AuthDbContext>("kafka");
        builder.AddRedisClient("redis");

        builder.Services.AddOptions<JwtOptions>().BindConfiguration("Jwt");
        builder.AddDefaultAuthentication();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeys>((options, keys) => options.ConfigurationManager = new OwnSigningKeysConfiguration(keys));

        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddHostedService<SigningKeysPublisher>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddScoped<Accounts>();
        builder.Services.AddScoped<AccountDeletion>();
        builder.Services.AddSingleton<PasswordConfirmationThrottle>();
    }
}
