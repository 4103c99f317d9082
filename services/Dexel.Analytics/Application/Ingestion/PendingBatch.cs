using Confluent.Kafka;
using Dexel.EventBus;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>What has been consumed but not yet stored, and the Kafka position to commit once it is.</summary>
internal sealed class PendingBatch
{
    private readonly List<(TopicPartition Partition, IntegrationEvent Event)> _events = [];
    private readonly List<(ConsumeResult<string, byte[]> Message, string Reason)> _deadLetters = [];
    private readonly Dictionary<TopicPartition, Offset> _next = [];

    public DateTime? StartedAt { get; private set; }
    public int Count => _events.Count + _deadLetters.Count;
    public bool IsEmpty => _next.Count == 0;

    public IReadOnlyList<IntegrationEvent> Events => _events.Select(e => e.Event).ToList();
    public IReadOnlyList<(ConsumeResult<string, byte[]> Message, string Reason)> DeadLetters => _deadLetters;
    public IEnumerable<TopicPartitionOffset> NextOffsets => _next.Select(pair => new TopicPartitionOffset(pair.Key, pair.Value));

    public void Add(ConsumeResult<string, byte[]> message, IntegrationEvent @event) => Track(message, () => _events.Add((message.TopicPartition, @event)));

    public void AddDeadLetter(ConsumeResult<string, byte[]> message, string reason) => Track(message, () => _deadLetters.Add((message, reason)));

    /// <summary>After a rebalance took these partitions away: their new owner reads them again from the committed offset.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        _events.RemoveAll(e => gone.Contains(e.Partition));
        _deadLetters.RemoveAll(d => gone.Contains(d.Message.TopicPartition));
        foreach (var partition in gone) _next.Remove(partition);
        if (IsEmpty) StartedAt = null;
    }

    public void Clear()
    {
        _events.Clear();
        _deadLetters.Clear();
        _next.Clear();
        StartedAt = null;
    }

    private void Track(ConsumeResult<string, byte[]> message, Action add)
    {
        StartedAt ??= DateTime.UtcNow;
        add();
        _next[message.TopicPartition] = message.Offset + 1;
    }
}
