package io.ringline.tools.inspect;

import io.ringline.RinglineException;
import io.ringline.os.Native;
import io.ringline.os.NativeBuffer;
import io.ringline.ring.RingDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * A ring channel's region mapped <b>read-only</b> ({@code PROT_READ} file mapping, or {@code shmat(SHM_RDONLY)}):
 * a tool looks at a channel without joining it, without taking a slot, and without any way to write a byte of it.
 * Opening validates the header exactly as the engine does ({@link RingDescriptor#checkHeader}).
 */
public final class ChannelImage implements AutoCloseable
{
    /** shmat(2): attach read-only. */
    static final int SHM_RDONLY = 0x1000;

    private final ChannelLocation location;
    private final UnsafeBuffer buffer;
    private final MappedByteBuffer mapped;
    private final long attached;
    private boolean closed;

    private ChannelImage(
        final ChannelLocation location, final UnsafeBuffer buffer, final MappedByteBuffer mapped, final long attached)
    {
        this.location = location;
        this.buffer = buffer;
        this.mapped = mapped;
        this.attached = attached;
    }

    /**
     * Maps a channel read-only and validates its header.
     *
     * @param location where the channel lives.
     * @return the mapped channel.
     * @throws RinglineException when it does not exist, cannot be read, or is not a valid channel.
     */
    public static ChannelImage open(final ChannelLocation location)
    {
        final ChannelImage image = null != location.path() ? mapFile(location) : attachSysV(location);
        try
        {
            if (image.buffer.getLongVolatile(RingDescriptor.MAGIC_OFFSET) == 0)
            {
                throw new RinglineException("channel=" + location + " " + location.object() +
                    " is not a Ringline channel (magic=0): another kind of file, or its creator died while creating it");
            }
            RingDescriptor.checkHeader(location.uri() + " " + location.object(), image.buffer);
            return image;
        }
        catch (final RuntimeException ex)
        {
            image.close();
            throw ex;
        }
    }

    private static ChannelImage mapFile(final ChannelLocation location)
    {
        final String where = "channel=" + location + " " + location.object();
        if (Files.isSymbolicLink(location.path()))
        {
            throw new RinglineException(where + " is a symbolic link; Ringline does not follow links");
        }
        try (FileChannel channel = FileChannel.open(location.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            if (!Files.isRegularFile(location.path(), LinkOption.NOFOLLOW_LINKS))
            {
                throw new RinglineException(where + " is not a regular file");
            }
            final long length = channel.size();
            if (length < RingDescriptor.PAGE_SIZE)
            {
                throw new RinglineException(where + " is truncated or not a channel: length=" + length +
                    " minimum=" + RingDescriptor.PAGE_SIZE);
            }
            if (length > Integer.MAX_VALUE)
            {
                throw new RinglineException(where + " is too long to be a channel: length=" + length);
            }
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
            return new ChannelImage(location, new UnsafeBuffer(mapped), mapped, 0L);
        }
        catch (final NoSuchFileException ex)
        {
            throw new RinglineException(where + " does not exist");
        }
        catch (final IOException ex)
        {
            throw new RinglineException(where + " could not be read: " + ex.getMessage(), ex);
        }
    }

    private static ChannelImage attachSysV(final ChannelLocation location)
    {
        final String where = "channel=" + location + " " + location.object();
        final int shmid = Native.libc().shmget(location.sysvKey(), 0, 0);
        if (shmid < 0)
        {
            throw new RinglineException(where + (Native.errno() == Native.ENOENT ? " does not exist" :
                " could not be opened: " + Native.describe(Native.errno())));
        }
        final long length = segmentLength(shmid);
        if (length < RingDescriptor.PAGE_SIZE || length > Integer.MAX_VALUE)
        {
            throw new RinglineException(where + " is truncated or not a channel: length=" + length);
        }
        final long address = Native.libc().shmat(shmid, 0L, SHM_RDONLY);
        if (address == -1L)
        {
            throw new RinglineException(where + " could not be attached: " + Native.describe(Native.errno()));
        }
        return new ChannelImage(location, new UnsafeBuffer(address, (int)length), null, address);
    }

    /**
     * @return where the channel lives.
     */
    public ChannelLocation location()
    {
        return location;
    }

    /**
     * @return a read-only view of the whole region; any write faults.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            unmap(mapped, attached);
        }
    }

    /**
     * Unmaps a file mapping or detaches a System V segment, whichever was made.
     *
     * @param mapped   the file's mapping, or null for a segment.
     * @param attached the segment's address when {@code mapped} is null.
     */
    public static void unmap(final MappedByteBuffer mapped, final long attached)
    {
        if (null != mapped)
        {
            IoUtil.unmap(mapped);
        }
        else
        {
            Native.libc().shmdt(attached);
        }
    }

    private static long segmentLength(final int shmid)
    {
        final NativeBuffer stat = new NativeBuffer(Native.SHMID_DS_LENGTH);
        if (Native.libc().shmctl(shmid, Native.IPC_STAT, stat.address()) != 0)
        {
            throw new RinglineException("sysvshm shmid=" + shmid + " could not be inspected: " +
                Native.describe(Native.errno()));
        }
        return stat.buffer().getLong(Native.SHMID_DS_SEGSZ_OFFSET);
    }
}
