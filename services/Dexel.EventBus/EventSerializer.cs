using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dexel.EventBus;

/// <summary>The one JSON form of events on the wire: camelCase, as the public API.</summary>
public static class EventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The aggregate key travels as the Kafka message key, not in the payload. [JsonIgnore] on
        // the abstract property is not seen on the records' overrides, hence the modifier.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                typeInfo =>
                {
                    if (!typeof(IntegrationEvent).IsAssignableFrom(typeInfo.Type)) return;
                    var key = typeInfo.Properties.FirstOrDefault(p => p.Name == "aggregateKey");
                    if (key is not null) typeInfo.Properties.Remove(key);
                },
            },
        },
    };

    public static byte[] Serialize(IntegrationEvent @event) =>
        JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), Options);

    public static IntegrationEvent Deserialize(ReadOnlySpan<byte> payload, Type eventType) =>
        (IntegrationEvent)(JsonSerializer.Deserialize(payload, eventType, Options)
            ?? throw new JsonException($"Empty {eventType.Name} payload"));
}
