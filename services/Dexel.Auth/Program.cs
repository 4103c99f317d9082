using Dexel.Auth.Apis;
using Dexel.Auth.Application;
using Dexel.Auth.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (GrantAdminCommand.IsInvoked(args)) return await GrantAdminCommand.RunAsync(app, args);

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapAuthApi();
app.MapUsersApi();
app.MapAccountApi();
app.MapJwksApi();

await app.RunAsync();
return 0;
