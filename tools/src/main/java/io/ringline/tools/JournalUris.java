package io.ringline.tools;

/**
 * What the commands add to a {@code journal:} URI the user gave.
 */
final class JournalUris
{
    private JournalUris()
    {
    }

    /**
     * @param uri  a journal URI.
     * @param from a {@code from=} value, used only when the URI names neither a start nor a cursor.
     * @return the URI with {@code from=} added, or as given.
     */
    static String withFrom(final String uri, final String from)
    {
        final int query = uri.indexOf('?');
        if (query >= 0)
        {
            for (final String param : uri.substring(query + 1).split("&"))
            {
                if (param.startsWith("from=") || param.startsWith("name="))
                {
                    return uri;
                }
            }
        }
        return uri + (query >= 0 ? "&" : "?") + "from=" + from;
    }
}
