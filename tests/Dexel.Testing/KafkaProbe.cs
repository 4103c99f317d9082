using System.Text.Json;
using Confluent.Kafka;

namespace Dexel.Testing;

/// <summary>Reads what actually reached a Kafka topic, from the beginning, with a consumer group of its own.</summary>
public static class KafkaProbe
{
    public static async Task<IReadOnlyList<ConsumeResult<string, byte[]>>> ReadAsync(
        string bootstrapServers, string topic, Func<ConsumeResult<string, byte[]>, bool> match, int expected, TimeSpan timeout)
    {
        return await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "probe-" + Guid.NewGuid().ToString("N"),
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                AllowAutoCreateTopics = true,
            }).Build();
            consumer.Subscribe(topic);
            var found = new List<ConsumeResult<string, byte[]>>();
            var deadline = DateTime.UtcNow + timeout;
            // Keep reading a little after reaching the count, so duplicates would be seen too.
            DateTime? settleUntil = null;
            while (DateTime.UtcNow < (settleUntil ?? deadline))
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is not null && match(result)) found.Add(result);
                if (found.Count >= expected && settleUntil is null) settleUntil = DateTime.UtcNow.AddSeconds(2);
            }
            consumer.Close();
            return found;
        });
    }

    public static JsonElement Json(ConsumeResult<string, byte[]> result) =>
        JsonDocument.Parse(result.Message.Value).RootElement;
}
