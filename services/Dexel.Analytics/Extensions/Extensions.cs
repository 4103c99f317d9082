using Dexel.Clients;

namespace Dexel.Analytics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddClickHouseSettings("clickhouse");
        builder.AddRedisClient("redis");
        builder.AddKafkaProducer("kafka");
    }
}
