package io.ringline.tools.inspect;

import io.ringline.RinglineException;
import io.ringline.os.Native;
import io.ringline.os.ProcessIdentity;
import io.ringline.ring.ConductorStatsDescriptor;
import io.ringline.ring.RingDescriptor;
import io.ringline.ring.RingTransportProvider;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the ring channels of this machine: {@code ringline-*} files in the shared-memory directory, System V segments
 * that start with the Ringline magic, and files named by the caller. The synchronisation objects that share the
 * prefix ({@code ringline-mutex-*}, {@code ringline-event-*}) are not channels and are left out.
 */
public final class ChannelDirectory
{
    private static final List<String> NOT_CHANNELS = List.of("mutex-", "event-", ConductorStatsDescriptor.NAME_PREFIX);

    private ChannelDirectory()
    {
    }

    /**
     * @param includeSysV also scan System V segments.
     * @param paths       extra files to look at.
     * @return every channel found, sorted by URI; invalid ones carry their error.
     */
    public static List<ChannelEntry> list(final boolean includeSysV, final List<Path> paths)
    {
        final Map<String, ChannelEntry> entries = new TreeMap<>();
        for (final Path path : shmFiles())
        {
            add(entries, ChannelLocation.ofFile(path));
        }
        if (includeSysV)
        {
            for (final int key : sysvChannelKeys())
            {
                add(entries, ChannelLocation.ofSysV(key));
            }
        }
        for (final Path path : paths)
        {
            add(entries, ChannelLocation.ofFile(path));
        }
        return new ArrayList<>(entries.values());
    }

    /**
     * Inspects one channel.
     *
     * @param location where it lives.
     * @return its entry, valid or not.
     */
    public static ChannelEntry inspect(final ChannelLocation location)
    {
        final String owner = owner(location);
        final long size = size(location);
        try (ChannelImage image = ChannelImage.open(location))
        {
            return new ChannelEntry(location, owner, size, ChannelStatus.read(image), null);
        }
        catch (final RinglineException ex)
        {
            return new ChannelEntry(location, owner, size, null, ex.getMessage());
        }
    }

    private static void add(final Map<String, ChannelEntry> entries, final ChannelLocation location)
    {
        entries.put(location.uri(), inspect(location));
    }

    private static List<Path> shmFiles()
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(
            Path.of(ChannelLocation.shmDir()), RingTransportProvider.SHM_PREFIX + "*"))
        {
            for (final Path path : stream)
            {
                final String rest = path.getFileName().toString().substring(RingTransportProvider.SHM_PREFIX.length());
                if (NOT_CHANNELS.stream().noneMatch(rest::startsWith) &&
                    Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                {
                    files.add(path);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new RinglineException("shmDir=" + ChannelLocation.shmDir() + " could not be listed: " + ex, ex);
        }
        return files;
    }

    /**
     * @return keys of the System V segments this process can attach that start with the Ringline magic.
     */
    private static List<Integer> sysvChannelKeys()
    {
        final List<Integer> keys = new ArrayList<>();
        for (final String[] row : sysvRows())
        {
            final int key = (int)Long.parseLong(row[0]);
            final int shmid = Integer.parseInt(row[1]);
            if (key != 0 && Long.parseLong(row[3]) >= RingDescriptor.PAGE_SIZE && hasMagic(shmid))
            {
                keys.add(key);
            }
        }
        return keys;
    }

    private static boolean hasMagic(final int shmid)
    {
        final long address = Native.libc().shmat(shmid, 0L, ChannelImage.SHM_RDONLY);
        if (address == -1L)
        {
            return false; // not ours to read
        }
        try
        {
            final UnsafeBuffer header = new UnsafeBuffer(address, RingDescriptor.PAGE_SIZE);
            return header.getLong(RingDescriptor.MAGIC_OFFSET) == RingDescriptor.MAGIC;
        }
        finally
        {
            Native.libc().shmdt(address);
        }
    }

    // /proc/sysvipc/shm: key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime rss swap
    private static List<String[]> sysvRows()
    {
        final List<String[]> rows = new ArrayList<>();
        try (Stream<String> lines = Files.lines(Path.of("/proc/sysvipc/shm")))
        {
            lines.skip(1).map(String::trim).filter(line -> !line.isEmpty())
                .forEach(line -> rows.add(line.split("\\s+")));
        }
        catch (final IOException ex)
        {
            throw new RinglineException("/proc/sysvipc/shm could not be read: " + ex, ex);
        }
        return rows;
    }

    private static String owner(final ChannelLocation location)
    {
        if (null != location.path())
        {
            try
            {
                return Files.getOwner(location.path(), LinkOption.NOFOLLOW_LINKS).getName();
            }
            catch (final IOException ex)
            {
                return "?";
            }
        }
        for (final String[] row : sysvRows())
        {
            if ((int)Long.parseLong(row[0]) == location.sysvKey())
            {
                return userName(row[7]);
            }
        }
        return "?";
    }

    private static long size(final ChannelLocation location)
    {
        if (null != location.path())
        {
            try
            {
                return Files.size(location.path());
            }
            catch (final IOException ex)
            {
                return -1;
            }
        }
        for (final String[] row : sysvRows())
        {
            if ((int)Long.parseLong(row[0]) == location.sysvKey())
            {
                return Long.parseLong(row[3]);
            }
        }
        return -1;
    }

    static String userName(final String uid)
    {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd")))
        {
            return lines.map(line -> line.split(":"))
                .filter(fields -> fields.length > 2 && fields[2].equals(uid))
                .map(fields -> fields[0]).findFirst().orElse(uid);
        }
        catch (final IOException ex)
        {
            return uid;
        }
    }

    /**
     * Would removing this channel now cut off a running process? True when a running process holds a slot, or when
     * the channel is younger than the liveness timeout and its creator still runs (it may be about to join).
     *
     * @param entry             the channel.
     * @param livenessTimeoutMs the engine's liveness timeout.
     * @return true when the channel is in use.
     */
    public static boolean inUse(final ChannelEntry entry, final long livenessTimeoutMs)
    {
        if (null == entry.status())
        {
            return false;
        }
        final ChannelStatus status = entry.status();
        return status.hasLivePeers() ||
            System.currentTimeMillis() - status.createdEpochMs() < livenessTimeoutMs &&
            ProcessIdentity.isAlive(status.creatorPid(), 0);
    }
}
