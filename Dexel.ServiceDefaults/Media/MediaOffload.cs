using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How the gateway and the streaming service hand a segment's bytes to the object store's own
/// connection (the X-Accel-Redirect pattern): the gateway says it can fetch, streaming checks the
/// signed URL and answers with where the bytes are instead of the bytes, and the gateway streams
/// them from the store to the client. The bytes then cross one of our processes, not two. The
/// gateway remembers where a segment is for a while: a later request for it with a valid
/// signature (any listener's) is served without asking streaming again.
/// </summary>
public static class MediaOffload
{
    /// <summary>On the gateway's request: it will fetch an offloaded answer itself.</summary>
    public const string AcceptHeader = "X-Media-Offload";

    /// <summary>On streaming's answer: the presigned URL of the bytes, in place of a body.</summary>
    public const string UrlHeader = "X-Media-Offload-Url";

    /// <summary>A location streaming gives out is good for at least this long, so the gateway may reuse it for less.</summary>
    public static readonly TimeSpan LocationLeastLife = TimeSpan.FromMinutes(1);

    /// <summary>
    /// What most players send for a segment: the whole object, unconditionally. Only these are
    /// offloaded; ranges, validators and HEAD take streaming's file results, which implement their rules.
    /// </summary>
    public static bool IsPlainGet(HttpRequest request)
    {
        var headers = request.Headers;
        return HttpMethods.IsGet(request.Method)
            && headers.Range.Count == 0 && headers.IfRange.Count == 0
            && headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0
            && headers.IfMatch.Count == 0 && headers.IfUnmodifiedSince.Count == 0;
    }
}
