using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Streaming.Application;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.Apis;

public static class PlaybackApi
{
    public static IEndpointRouteBuilder MapPlaybackApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/playback").WithTags("Playback").RequireAuthorization()
            .MapPost("/events", RecordAsync);
        return app;
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> RecordAsync(
        PlaybackEventRequest request, HttpContext http, StreamingDbContext db, CancellationToken ct)
    {
        var errors = TrackValidation.Playback(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var trackId = request.TrackId!.Value;
        if (!await db.Tracks.AnyAsync(t => t.Id == trackId && t.Status == TrackStatus.Ready, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Track not found",
                detail: $"No playable track with id {trackId}.");

        db.AddIntegrationEvent(new SongPlayed(trackId, http.User.GetUserId(), request.Type!, request.PositionMs!.Value));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null);
    }
}
