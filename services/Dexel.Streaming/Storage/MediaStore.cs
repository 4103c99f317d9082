using Dexel.Clients;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Dexel.Streaming.Storage;

/// <summary>
/// The object-store operations the service needs. Ranged reads go through presigned URLs,
/// because Minio 7's ranged GetObject is broken; the same URLs are what redirect delivery hands out.
/// </summary>
public sealed class MediaStore(IMinioClient minio, ObjectStoreSettings settings, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "objectstore";

    public async Task UploadFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await minio.PutObjectAsync(new PutObjectArgs()
            .WithBucket(settings.Bucket)
            .WithObject(key)
            .WithStreamData(file)
            .WithObjectSize(file.Length)
            .WithContentType(contentType), cancellationToken);
    }

    public async Task DownloadToFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await minio.GetObjectAsync(new GetObjectArgs()
            .WithBucket(settings.Bucket)
            .WithObject(key)
            .WithCallbackStream((stream, ct) => stream.CopyToAsync(file, ct)), cancellationToken);
    }

    /// <returns>The object's text, or null when it does not exist.</returns>
    public async Task<string?> ReadTextAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream();
            await minio.GetObjectAsync(new GetObjectArgs()
                .WithBucket(settings.Bucket)
                .WithObject(key)
                .WithCallbackStream((stream, ct) => stream.CopyToAsync(buffer, ct)), cancellationToken);
            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await minio.StatObjectAsync(new StatObjectArgs().WithBucket(settings.Bucket).WithObject(key), cancellationToken);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    /// <remarks>Removing a key that does not exist succeeds, so removals can be repeated.</remarks>
    public async Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        await minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(settings.Bucket).WithObject(key), cancellationToken);

    public Task<string> PresignGetAsync(string key, TimeSpan lifetime) =>
        minio.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(settings.Bucket)
            .WithObject(key)
            // S3 accepts 1 s to 7 days.
            .WithExpiry((int)Math.Clamp(lifetime.TotalSeconds, 1, 7 * 24 * 3600)));

    /// <summary>Starts a GET of the object, forwarding the client's conditional and range headers; the caller streams and disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string key, string? range, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var url = await PresignGetAsync(key, TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(range)) request.Headers.TryAddWithoutValidation("Range", range);
        if (!string.IsNullOrEmpty(ifNoneMatch)) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
