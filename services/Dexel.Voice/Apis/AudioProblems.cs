using Dexel.Speech.Audio;

namespace Dexel.Voice.Apis;

/// <summary>Each kind of refused audio with its status: the caller's fault, so never a 500.</summary>
public static class AudioProblems
{
    public static int StatusOf(AudioProblem problem) => problem switch
    {
        AudioProblem.Empty => StatusCodes.Status400BadRequest,
        AudioProblem.NotAudio => StatusCodes.Status415UnsupportedMediaType,
        AudioProblem.TooLong => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static string TitleOf(AudioProblem problem) => problem switch
    {
        AudioProblem.Empty => "No audio",
        AudioProblem.NotAudio => "Not audio",
        AudioProblem.TooLong => "Audio too long",
        _ => "No speech",
    };

    public static IResult ToProblem(AudioRejectedException rejected) =>
        TypedResults.Problem(detail: rejected.Message, statusCode: StatusOf(rejected.Problem), title: TitleOf(rejected.Problem));
}
