package io.ringline.transport.os;

import io.ringline.ChannelUri;
import io.ringline.RinglineException;
import io.ringline.os.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The refusal of kernel objects (FIFOs, queues) that another user owns: a process opening an existing one must own it,
 * unless the URI says {@code any-owner=true}. Another user's object may have been planted to read what this process
 * sends, or to feed it.
 */
public final class Owner
{
    /** The URI parameter that accepts an object whoever owns it. */
    public static final String ANY_OWNER = "any-owner";

    private static final int SELF = Native.libc().geteuid();

    private Owner()
    {
    }

    /**
     * Checks the owner of the file behind an object (a FIFO, or a POSIX queue's entry in /dev/mqueue).
     *
     * @param uri  the channel URI, which may say {@code any-owner=true}.
     * @param what the object, for the message, e.g. {@code fifo}.
     * @param path its file; a missing file is not checked.
     * @throws RinglineException naming both uids when another user owns it.
     */
    public static void checkPath(final ChannelUri uri, final String what, final Path path)
    {
        if (uri.bool(ANY_OWNER, false))
        {
            return;
        }
        final int uid;
        try
        {
            uid = (Integer)Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new RinglineException("channel=" + uri + " " + what + "=" + path + " owner could not be read: " + ex,
                ex);
        }
        checkUid(uri, what + "=" + path, uid);
    }

    /**
     * @param uri  the channel URI, which may say {@code any-owner=true}.
     * @param what the object, for the message.
     * @param uid  its owner.
     * @throws RinglineException naming both uids when another user owns it.
     */
    public static void checkUid(final ChannelUri uri, final String what, final int uid)
    {
        if (uid != SELF && !uri.bool(ANY_OWNER, false))
        {
            throw new RinglineException("channel=" + uri + " " + what + " is owned by uid=" + uid +
                ", not by this process's uid=" + SELF + ": another user's object is not opened unless the URI says " +
                ANY_OWNER + "=true");
        }
    }
}
