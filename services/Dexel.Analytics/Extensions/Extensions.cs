using Dexel.Clients;

namespace Dexel.Analytics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        builder.AddDefaultAuthentication();
        builder.AddClickHouseSettings("clickhouse");
        builder.AddRedisClient("redis");
        builder.AddKafkaProducer("kafka");
    }
}
