package io.ringline.tools.inspect;

import io.ringline.RinglineException;
import io.ringline.transport.mq.MqueueMount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the message queues of this machine's IPC namespace, which any {@code mq:} or {@code sysvmq:} channel may be:
 * POSIX queues through an mqueue file system ({@link MqueueMount}; where none is mounted they cannot be enumerated,
 * and {@link #notes()} says so and how to mount one), and System V queues from {@code /proc/sysvipc/msg}, which is
 * always there. A queue records no users, so the tools can list and remove queues but cannot tell a live one from an
 * abandoned one.
 */
public final class QueueDirectory
{
    private static final Path SYSVIPC_MSG = Path.of("/proc/sysvipc/msg");

    private final List<QueueEntry> queues = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private QueueDirectory()
    {
    }

    /**
     * @return the queues seen now, with notes on what could not be seen.
     */
    public static QueueDirectory scan()
    {
        final QueueDirectory directory = new QueueDirectory();
        directory.scanPosix();
        directory.scanSysV();
        return directory;
    }

    /**
     * @return the queues, POSIX ones first, each group sorted by name.
     */
    public List<QueueEntry> queues()
    {
        return queues;
    }

    /**
     * @return what could not be listed and why, with the command that fixes it; empty when everything was seen.
     */
    public List<String> notes()
    {
        return notes;
    }

    private void scanPosix()
    {
        final Path mount = MqueueMount.find();
        if (null == mount)
        {
            notes.add(MqueueMount.HOW_TO_MOUNT);
            return;
        }
        for (final String name : MqueueMount.list(mount))
        {
            final Path entry = mount.resolve(name.substring(1));
            try
            {
                final int uid = (Integer)Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                final int mode = (Integer)Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                queues.add(new QueueEntry("mq:" + name, ChannelDirectory.userName(Integer.toString(uid)),
                    mode & 0777, -1, queuedBytes(Files.readString(entry))));
            }
            catch (final IOException ex)
            {
                continue; // removed while listing
            }
        }
    }

    /**
     * The status text of a POSIX queue, e.g. {@code QSIZE:129 NOTIFY:0 SIGNO:0 NOTIFY_PID:0}: QSIZE is the bytes
     * queued.
     */
    private static long queuedBytes(final String status)
    {
        for (final String field : status.trim().split("\\s+"))
        {
            if (field.startsWith("QSIZE:"))
            {
                return Long.parseLong(field.substring(6));
            }
        }
        return -1;
    }

    // /proc/sysvipc/msg: key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid stime rtime ctime
    private void scanSysV()
    {
        try (Stream<String> lines = Files.lines(SYSVIPC_MSG))
        {
            lines.skip(1).map(String::trim).filter(line -> !line.isEmpty()).forEach(line ->
            {
                final String[] row = line.split("\\s+");
                final int key = (int)Long.parseLong(row[0]);
                if (key != 0) // IPC_PRIVATE queues have no key to name them by
                {
                    queues.add(new QueueEntry("sysvmq:0x" + Integer.toHexString(key),
                        ChannelDirectory.userName(row[7]), Integer.parseInt(row[2], 8) & 0777,
                        Long.parseLong(row[4]), Long.parseLong(row[3])));
                }
            });
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new RinglineException("file=" + SYSVIPC_MSG + " could not be read: " + ex, ex);
        }
    }

    /**
     * One queue: its channel URI, owner, mode, and what it holds.
     *
     * @param channel  the channel URI that opens it, e.g. {@code mq:/orders} or {@code sysvmq:0x52490001}.
     * @param owner    the owner's name, or uid when it has none.
     * @param mode     the permission bits.
     * @param messages messages queued, or -1 where the kernel does not say (POSIX queues).
     * @param bytes    bytes queued, or -1 when unknown.
     */
    public record QueueEntry(String channel, String owner, int mode, long messages, long bytes)
    {
    }
}
