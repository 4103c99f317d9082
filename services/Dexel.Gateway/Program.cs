using Dexel.Gateway.Apis;
using Dexel.Gateway.Application;
using Dexel.Gateway.Application.OpenApi;
using Dexel.Gateway.Edge;
using Dexel.Gateway.Edge.RateLimiting;
using Dexel.Gateway.Edge.ReverseProxy;
using Dexel.Gateway.Edge.WebApp;
using Dexel.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddWebApp();

var app = builder.Build();

app.MapDefaultEndpoints();
app.Use(CorrelationId.AssignAsync);
app.UseCors(Dexel.Gateway.Extensions.Extensions.CorsPolicy);
app.UseMiddleware<BodySizeLimits>();
app.UseAuthentication();
app.UseMiddleware<RateLimitMiddleware>();
app.UseAuthorization();
app.UseRequestTimeouts();
app.UseWebAppSecurityHeaders();

app.MapPublicApiDocs();
app.MapUserDataExport();
app.MapHomeScreen();
app.MapReverseProxy(proxy =>
{
    proxy.Use(ProxyErrorProblemDetails.WriteProxyErrorsAsProblems);
    proxy.UseKnownSegments();
});
app.MapWebApp();

app.Run();
