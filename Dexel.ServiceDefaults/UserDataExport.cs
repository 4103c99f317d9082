namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Where each service hands the caller's own data to the gateway's GET /api/v1/users/me/export.
/// Outside /api/v1, so the gateway neither routes it nor lists it; the caller's token is required.
/// </summary>
public static class UserDataExport
{
    public const string ServicePath = "/internal/v1/me/export";
}
