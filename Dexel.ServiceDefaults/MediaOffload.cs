namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How the gateway and the streaming service hand a segment's bytes to the object store's own
/// connection (the X-Accel-Redirect pattern): the gateway says it can fetch, streaming checks the
/// signed URL and answers with where the bytes are instead of the bytes, and the gateway streams
/// them from the store to the client. The bytes then cross one of our processes, not two.
/// </summary>
public static class MediaOffload
{
    /// <summary>On the gateway's request: it will fetch an offloaded answer itself.</summary>
    public const string AcceptHeader = "X-Media-Offload";

    /// <summary>On streaming's answer: the presigned URL of the bytes, in place of a body.</summary>
    public const string UrlHeader = "X-Media-Offload-Url";
}
