using System.IO.Pipelines;
using Dexel.Clients;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Dexel.Streaming.Infrastructure.Storage;

/// <summary>An object's bytes and the validators that conditional and range requests are judged by.</summary>
public sealed record StoredObject(byte[] Content, string ETag, DateTimeOffset LastModified);

/// <summary>An object being read: its length and validators at once, its bytes as the store sends them.</summary>
public sealed class ObjectStream(HttpResponseMessage response) : IDisposable
{
    public long? Length => response.Content.Headers.ContentLength;
    public string? ETag => response.Headers.ETag?.ToString();
    public DateTimeOffset? LastModified => response.Content.Headers.LastModified;

    /// <summary>Reads straight into the destination's buffers: the bytes are copied once on their way through.</summary>
    public async Task CopyToAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyInLargeChunksAsync(destination, cancellationToken);
    }

    public void Dispose() => response.Dispose();
}

/// <summary>
/// The object-store operations the service needs. For conditional and range requests media is read
/// whole (a segment is a few hundred KB at most) and ranges are cut by the service, so range
/// arithmetic never depends on the store; a plain GET streams the object through instead.
/// </summary>
public sealed class MediaStore(IMinioClient minio, ObjectStoreSettings settings)
{
    // The SDK's GetObject asks the store twice (a HEAD, then the GET) and hands the bytes to a
    // callback; a presigned GET is one request whose body can be streamed on as it arrives.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    /// <returns>The object, to be disposed once copied; null when it does not exist.</returns>
    /// <exception cref="MinioException">The store answered anything but the object or 404.</exception>
    public async Task<ObjectStream?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var url = await PresignGetAsync(key, TimeSpan.FromMinutes(1));
        var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return new ObjectStream(response);
        response.Dispose();
        return response.StatusCode == System.Net.HttpStatusCode.NotFound
            ? null
            : throw new MinioException($"The object store answered {(int)response.StatusCode} for a media object.");
    }

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
    public async Task<string?> ReadTextAsync(string key, CancellationToken cancellationToken) =>
        await ReadAsync(key, cancellationToken) is { } stored ? System.Text.Encoding.UTF8.GetString(stored.Content) : null;

    /// <returns>The whole object with its validators, or null when it does not exist.</returns>
    public async Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream();
            var stat = await minio.GetObjectAsync(new GetObjectArgs()
                .WithBucket(settings.Bucket)
                .WithObject(key)
                .WithCallbackStream((stream, ct) => stream.CopyToAsync(buffer, ct)), cancellationToken);
            var modified = new DateTimeOffset(DateTime.SpecifyKind(stat.LastModified, DateTimeKind.Utc));
            return new StoredObject(buffer.ToArray(), $"\"{stat.ETag.Trim('"')}\"", modified);
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
}
