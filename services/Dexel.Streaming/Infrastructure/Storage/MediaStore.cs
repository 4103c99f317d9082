using Dexel.Clients;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Dexel.Streaming.Infrastructure.Storage;

/// <summary>An object's bytes and the validators that conditional and range requests are judged by.</summary>
public sealed record StoredObject(byte[] Content, string ETag, DateTimeOffset LastModified);

/// <summary>
/// The object-store operations the service needs. Media is read whole (a segment is a few hundred
/// KB at most) and ranges are cut by the service, so range arithmetic never depends on the store.
/// </summary>
public sealed class MediaStore(IMinioClient minio, ObjectStoreSettings settings)
{
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
