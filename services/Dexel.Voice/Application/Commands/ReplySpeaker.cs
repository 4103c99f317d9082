using Microsoft.Extensions.AI;

namespace Dexel.Voice.Application.Commands;

/// <summary>Speaks a reply and keeps the audio behind a short-lived signed URL the client's audio element can play.</summary>
public sealed class ReplySpeaker(ITextToSpeechClient tts, ReplyAudioStore replies)
{
    public async Task<string> SpeakAsync(string text, Guid userId, CancellationToken cancel)
    {
        var response = await tts.GetAudioAsync(text, new TextToSpeechOptions { AudioFormat = "wav" }, cancel);
        var audio = response.Contents.OfType<DataContent>().Single();
        return replies.Keep(new StoredAudio(audio.Data.ToArray(), audio.MediaType), userId).Url;
    }
}
