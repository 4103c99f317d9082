namespace Dexel.Streaming.Infrastructure;

/// <summary>
/// Catalog search objects EF cannot model. unaccent() is only STABLE (its dictionary could
/// change), so an IMMUTABLE wrapper naming the dictionary explicitly makes it indexable.
/// </summary>
internal static class SearchSchema
{
    public const string Create = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE FUNCTION dexel_search_document(title text, artist text, album text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, concat_ws(' ', title, artist, album))) $$;

        CREATE INDEX ix_tracks_search_trigram ON tracks
            USING gin (dexel_search_document(title, artist, album) gin_trgm_ops) WHERE status = 'ready';
        CREATE INDEX ix_tracks_search_fulltext ON tracks
            USING gin (to_tsvector('simple', dexel_search_document(title, artist, album))) WHERE status = 'ready';
        """;

    public const string Drop = """
        DROP INDEX IF EXISTS ix_tracks_search_fulltext;
        DROP INDEX IF EXISTS ix_tracks_search_trigram;
        DROP FUNCTION IF EXISTS dexel_search_document(text, text, text);
        """;
}
