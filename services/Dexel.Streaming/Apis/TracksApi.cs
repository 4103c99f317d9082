using Dexel.Streaming.Application;
using Dexel.Streaming.Application.Catalog;
using Dexel.Streaming.Application.Transcoding;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dexel.Streaming.Apis;

public static class TracksApi
{
    // Room for the multipart boundaries and text fields around the file itself.
    private const long MultipartOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapTracksApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/v1/tracks").WithTags("Tracks").RequireAuthorization();
        tracks.MapPost("/", UploadAsync).DisableAntiforgery();
        tracks.MapGet("/", SearchAsync);
        // No :guid constraint: a malformed id is a 400 problem, as on every other Dexel route.
        tracks.MapGet("/{id}", GetAsync);
        tracks.MapGet("/{id}/stream", StreamAsync);
        return app;
    }

    private static async Task<Results<Accepted<UploadAccepted>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext http, TrackIngest ingest, IOptions<StreamingOptions> options, IOptions<TranscodingOptions> transcoding, CancellationToken ct)
    {
        var limit = options.Value.MaxUploadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limit + MultipartOverheadBytes;
        if (http.Request.ContentLength > limit + MultipartOverheadBytes)
            return TooLarge(limit);

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Upload the track as multipart/form-data with a 'file' part and 'title' and 'artist' fields.");

        UploadedForm form;
        try
        {
            var temp = transcoding.Value.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "dexel-streaming");
            form = await UploadReader.ReadAsync(http.Request, boundary, temp, limit, ct);
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (MalformedUploadException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload", detail: ex.Message);
        }

        try
        {
            var errors = TrackValidation.Upload(form);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            if (!IsPlausibleAudioType(form.FileContentType))
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not an audio file",
                    detail: $"The file was sent as '{form.FileContentType}'; send an audio file (audio/*).");

            var (track, refusal) = await ingest.AcceptAsync(form, http.User.GetUserId(), http.User.FindFirst("tier")?.Value, ct);
            if (refusal is not null)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds)).ToString();
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Upload quota reached", detail: refusal.Detail);
            }
            return TypedResults.Accepted($"/api/v1/tracks/{track!.Id}", new UploadAccepted(track.Id, track.Status));
        }
        finally
        {
            UploadReader.Delete(form.FilePath);
        }
    }

    private static async Task<Results<Ok<TrackList>, ValidationProblem>> SearchAsync(
        TrackSearch search, CancellationToken ct, string? q = null, int limit = 20)
    {
        var errors = TrackValidation.Search(q, limit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var tracks = await search.SearchAsync(q, limit, ct);
        return TypedResults.Ok(new TrackList(tracks.Select(TrackResponse.From).ToList()));
    }

    private static async Task<Results<Ok<TrackResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, StreamingDbContext db, CancellationToken ct)
    {
        var track = await FindVisibleAsync(db, id, http, ct);
        return track is null ? NotFound(id) : TypedResults.Ok(TrackResponse.From(track));
    }

    private static async Task<Results<Ok<StreamUrls>, ProblemHttpResult>> StreamAsync(
        Guid id, HttpContext http, StreamingDbContext db, UrlSigner signer, TimeProvider time, IOptions<StreamingOptions> options, CancellationToken ct)
    {
        var track = await FindVisibleAsync(db, id, http, ct);
        if (track is null) return NotFound(id);
        if (track.Status != TrackStatus.Ready)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Track not playable",
                detail: track.Status == TrackStatus.Failed ? $"The track failed processing: {track.Error}" : "The track is still being processed; try again shortly.");

        var expiresAt = time.GetUtcNow().Add(options.Value.UrlLifetime);
        // Whole seconds, so expiresAt is exactly the instant the signed URLs stop working.
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        var user = http.User.GetUserId();
        return TypedResults.Ok(new StreamUrls(
            signer.Sign(MediaFiles.PublicPath(id, MediaFiles.Master), expiresAt, user),
            signer.Sign(MediaFiles.PublicPath(id, MediaFiles.Manifest), expiresAt, user),
            expiresAt));
    }

    /// <summary>Ready tracks are the public catalog; unfinished or failed ones only their owner sees.</summary>
    private static async Task<Track?> FindVisibleAsync(StreamingDbContext db, Guid id, HttpContext http, CancellationToken ct)
    {
        var track = await db.Tracks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return track is not null && (track.Status == TrackStatus.Ready || track.OwnerId == http.User.GetUserId()) ? track : null;
    }

    // What a browser or curl might send for audio; anything else (text, images) is refused outright.
    private static bool IsPlausibleAudioType(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/ogg", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("video/mp4", StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
            detail: $"Tracks may be at most {limit} bytes ({limit / (1024 * 1024)} MB).");

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Track not found", detail: $"No track with id {id} is visible to you.");
}
