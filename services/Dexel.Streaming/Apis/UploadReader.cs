using System.Text;
using Dexel.Streaming.Application;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dexel.Streaming.Apis;

public sealed class UploadTooLargeException(long limit) : Exception($"The file exceeds the upload limit of {limit} bytes.")
{
    public long Limit => limit;
}

public sealed class MalformedUploadException(string message) : Exception(message);

/// <summary>
/// Reads multipart/form-data section by section, copying the file straight to disk so an
/// upload of any size costs a small, fixed amount of memory.
/// </summary>
public static class UploadReader
{
    private const int MaxFieldBytes = 4096;
    private static readonly string[] KnownFields = ["title", "artist", "album", "genre"];

    public static async Task<UploadedForm> ReadAsync(HttpRequest request, string boundary, string tempDirectory, long maxFileBytes, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? filePath = null, fileName = null, fileType = null;
        long fileBytes = 0;
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw new MalformedUploadException("Every part needs a 'Content-Disposition: form-data' header.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "file")
                {
                    if (filePath is not null) throw new MalformedUploadException("Send exactly one 'file' part.");
                    Directory.CreateDirectory(tempDirectory);
                    filePath = Path.Combine(tempDirectory, $"upload-{Guid.NewGuid():N}");
                    fileName = disposition.FileName.HasValue ? disposition.FileName.Value : disposition.FileNameStar.Value;
                    fileType = section.ContentType;
                    fileBytes = await CopyLimitedAsync(section.Body, filePath, maxFileBytes, cancellationToken);
                }
                else if (KnownFields.Contains(name))
                {
                    fields[name] = await ReadFieldAsync(section.Body, name, cancellationToken);
                }
                // Unknown parts are skipped, as the contract allows clients to send more.
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && ex is not BadHttpRequestException)
        {
            Delete(filePath);
            throw new MalformedUploadException($"The multipart body could not be read: {ex.Message}");
        }
        catch
        {
            Delete(filePath);
            throw;
        }
        return new UploadedForm(fields, filePath, fileName, fileBytes, fileType);
    }

    public static void Delete(string? path)
    {
        if (path is not null && File.Exists(path)) File.Delete(path);
    }

    private static async Task<long> CopyLimitedAsync(Stream source, string path, long limit, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit) throw new UploadTooLargeException(limit);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read > MaxFieldBytes) throw new MalformedUploadException($"The '{name}' field is longer than {MaxFieldBytes} bytes.");
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
