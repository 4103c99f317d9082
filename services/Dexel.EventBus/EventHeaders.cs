namespace Dexel.EventBus;

/// <summary>Kafka header names; trace context uses the W3C names so any consumer can continue the trace.</summary>
public static class EventHeaders
{
    public const string EventId = "event-id";
    public const string EventType = "event-type";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}
