using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every service, the gateway included, does to every request: forwarded headers believed
/// only from configured proxies, a 1 MB body limit by default, no NUL characters in text, no
/// Server header, nosniff everywhere, no-store on authenticated answers, HSTS over HTTPS.
/// </summary>
public static class HttpHardening
{
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddHttpHardening(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = configuration.GetValue("Http:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        });
        // Aspire sets ASPNETCORE_FORWARDEDHEADERS_ENABLED, which trusts X-Forwarded-* from anyone;
        // this runs after that setup and trusts only the networks configured here.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options => TrustOnly(options, configuration));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new NulFreeStringConverter()));
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        // Without ASPNETCORE_FORWARDEDHEADERS_ENABLED (a plain run) the middleware is ours to add.
        if (!app.Configuration.GetValue("ASPNETCORE_FORWARDEDHEADERS_ENABLED", false))
            app.UseForwardedHeaders();
        app.UseHsts();
        app.Use(async (context, next) =>
        {
            if (HasNul(context.Request.QueryString.Value))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 400, Title = "Malformed request", Detail = "Text may not contain NUL characters." },
                });
                return;
            }
            context.Response.OnStarting(() => AddResponseHeaders(context));
            await next(context);
        });
        return app;
    }

    private static Task AddResponseHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.Authorization.Count > 0 && headers.CacheControl.Count == 0)
            headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    private static bool HasNul(string? query) =>
        query is { Length: > 0 } && (query.Contains("%00", StringComparison.Ordinal) || query.Contains('\0'));

    /// <summary>
    /// Trusted proxies come from ForwardedHeaders:KnownNetworks (CIDR list). The gateway is the edge
    /// and trusts none unless an ingress is configured; services behind it default to loopback, where
    /// the gateway runs locally; in a cluster, name the gateway's network.
    /// </summary>
    private static void TrustOnly(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>()
            ?? (configuration.GetValue("ForwardedHeaders:TrustLoopback", true) ? ["127.0.0.0/8", "::1/128"] : []);
        foreach (var network in networks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        // Empty lists would mean "trust everyone" to the middleware: with no trusted proxy, read nothing.
        options.ForwardedHeaders = networks.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    }

    /// <summary>Postgres refuses NUL in text (22021); refuse it at the door as a 400 instead of a 500.</summary>
    private sealed class NulFreeStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value ? NulFree(value) : null;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        // A converter for string is also asked for dictionary keys (a validation problem's errors
        // map): without these the answer to a bad request would be a 500.
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            NulFree(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        private static string NulFree(string value) =>
            value.Contains('\0') ? throw new JsonException("Text may not contain NUL characters.") : value;
    }
}
