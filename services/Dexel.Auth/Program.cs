using Dexel.Auth.Apis;
using Dexel.Auth.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapAuthApi();
app.MapUsersApi();
app.MapAccountApi();
app.MapJwksApi();

app.Run();
