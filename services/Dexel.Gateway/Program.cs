using Dexel.Gateway.Aggregation;
using Dexel.Gateway.Edge;
using Dexel.Gateway.Export;
using Dexel.Gateway.Extensions;
using Dexel.Gateway.OpenApi;
using Dexel.Gateway.RateLimiting;
using Dexel.Gateway.ReverseProxy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.Use(CorrelationId.AssignAsync);
app.UseCors(Dexel.Gateway.Extensions.Extensions.CorsPolicy);
app.UseMiddleware<BodySizeLimits>();
app.UseAuthentication();
app.UseMiddleware<RateLimitMiddleware>();
app.UseAuthorization();
app.UseRequestTimeouts();

app.MapPublicApiDocs();
app.MapUserDataExport();
app.MapHomeScreen();
app.MapReverseProxy(proxy => proxy.Use(ProxyErrorProblemDetails.WriteProxyErrorsAsProblems));

app.Run();
