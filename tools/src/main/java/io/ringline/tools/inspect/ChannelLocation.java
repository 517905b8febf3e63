package io.ringline.tools.inspect;

import io.ringline.ChannelUri;
import io.ringline.Ringline;
import io.ringline.ring.RingTransportProvider;

import java.nio.file.Path;

/**
 * Where a ring channel lives: a file ({@code shm:NAME} under the shared-memory directory, {@code file:/path}, or a
 * bare absolute path) or a System V segment ({@code sysvshm:KEY}). Tools accept all four spellings.
 *
 * @param uri     the channel URI, without parameters.
 * @param path    the file, or null for a System V segment.
 * @param sysvKey the System V key; meaningful only when {@code path} is null.
 */
public record ChannelLocation(String uri, Path path, int sysvKey)
{
    private static final java.util.Set<String> RING_SCHEMES = java.util.Set.of("shm", "file", "sysvshm");

    /**
     * @param channel a ring channel URI or an absolute path.
     * @return its location.
     * @throws IllegalArgumentException when it is not a ring channel URI.
     */
    public static ChannelLocation of(final String channel)
    {
        if (channel.startsWith("/"))
        {
            return ofFile(Path.of(channel));
        }
        final ChannelUri uri = ChannelUri.parse(channel);
        final String name = uri.withOnly(java.util.Set.of());
        switch (uri.scheme())
        {
            case "shm":
            case "file":
                return new ChannelLocation(name, RingTransportProvider.path(uri, shmDir()), 0);
            case "sysvshm":
                return new ChannelLocation(name, null, RingTransportProvider.sysvKey(uri));
            default:
                throw new IllegalArgumentException("channel URI '" + channel + "' is not a ring channel: only " +
                    "shm:, file: and sysvshm: channels live in shared memory that can be inspected");
        }
    }

    /**
     * @param channel a channel URI or an absolute path.
     * @return true for a ring channel ({@code shm:}, {@code file:}, {@code sysvshm:} or a path): one that keeps its
     * recent messages in shared memory that a tool can read without joining.
     */
    public static boolean isRing(final String channel)
    {
        return channel.startsWith("/") || RING_SCHEMES.contains(ChannelUri.parse(channel).scheme());
    }

    /**
     * @param path a file that may hold a channel; under the shared-memory directory it is named as {@code shm:}.
     * @return its location.
     */
    public static ChannelLocation ofFile(final Path path)
    {
        final Path absolute = path.toAbsolutePath().normalize();
        final String fileName = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
        final boolean inShmDir = Path.of(shmDir()).toAbsolutePath().normalize().equals(absolute.getParent()) &&
            fileName.startsWith(RingTransportProvider.SHM_PREFIX);
        return new ChannelLocation(inShmDir ?
            "shm:" + fileName.substring(RingTransportProvider.SHM_PREFIX.length()) : "file:" + absolute,
            absolute, 0);
    }

    /**
     * @param key a System V key.
     * @return its location.
     */
    public static ChannelLocation ofSysV(final int key)
    {
        return new ChannelLocation("sysvshm:0x" + Integer.toHexString(key), null, key);
    }

    /**
     * @return the directory of POSIX shared-memory objects, as the engine sees it ({@code ringline.shm.dir}).
     */
    public static String shmDir()
    {
        return new Ringline.Context().shmDir();
    }

    /**
     * @return the object for messages: the file or the System V key.
     */
    public String object()
    {
        return null != path ? "file=" + path : "sysvshm key=0x" + Integer.toHexString(sysvKey);
    }

    @Override
    public String toString()
    {
        return uri;
    }
}
