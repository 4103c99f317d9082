using System.Text.Json;
using Dexel.Voice.Model;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dexel.Voice.Infrastructure.EntityConfigurations;

internal sealed class VoiceCommandConfiguration : IEntityTypeConfiguration<VoiceCommand>
{
    public void Configure(EntityTypeBuilder<VoiceCommand> command)
    {
        command.ToTable("voice_commands");
        command.Property(c => c.Id).ValueGeneratedNever();
        command.Property(c => c.Transcript).HasMaxLength(VoiceCommand.MaxTranscriptLength);
        command.Property(c => c.Intent).HasMaxLength(64);
        command.Property(c => c.Outcome).HasMaxLength(32);
        command.Property(c => c.Reply).HasMaxLength(500);
        // Slots as a JSON object; rows are written once, so the comparer only needs to be correct.
        command.Property(c => c.Slots).HasColumnType("jsonb").HasConversion(
            slots => JsonSerializer.Serialize(slots, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(), d => d.Count, d => new Dictionary<string, string>(d)));
        // History pages are one user's, newest first.
        command.HasIndex(c => new { c.UserId, c.CreatedAt });
    }
}
