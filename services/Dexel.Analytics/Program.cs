using Dexel.Analytics.Apis;
using Dexel.Analytics.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapChartsApi();
app.MapListenerApi();
app.MapTrackStatsApi();
app.MapAdminAnalyticsApi();
app.MapRecommendationsApi();

app.Run();
