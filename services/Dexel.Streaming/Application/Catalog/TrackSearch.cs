using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.Application.Catalog;

/// <summary>
/// Ranked catalog search. dexel_search_document (see the migration) lower-cases and strips
/// accents, so "beyonce" finds "Beyoncé"; full-text matches rank first, trigram similarity
/// catches typos and partial words.
/// </summary>
public sealed class TrackSearch(StreamingDbContext db)
{
    public async Task<List<Track>> SearchAsync(string? query, int limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return await db.Tracks.AsNoTracking()
                .Where(t => t.Status == TrackStatus.Ready)
                .OrderByDescending(t => t.CreatedAt)
                .Take(limit)
                .ToListAsync(cancellationToken);
        }

        var q = query.Trim();
        return await db.Tracks.FromSql($"""
            SELECT t.* FROM tracks AS t
            CROSS JOIN LATERAL (SELECT dexel_search_document(t.title, t.artist, t.album) AS doc) AS d
            CROSS JOIN LATERAL (SELECT dexel_search_document({q}, '', NULL) AS text) AS s
            WHERE t.status = 'ready'
              AND (to_tsvector('simple', d.doc) @@ plainto_tsquery('simple', s.text)
                   OR s.text <% d.doc
                   OR strpos(d.doc, s.text) > 0)
            ORDER BY ts_rank(to_tsvector('simple', d.doc), plainto_tsquery('simple', s.text)) * 2
                     + word_similarity(s.text, d.doc) DESC,
                     t.created_at DESC
            LIMIT {limit}
            """).AsNoTracking().ToListAsync(cancellationToken);
    }
}
