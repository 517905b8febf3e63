package io.ringline.memory;

import io.ringline.RinglineException;
import io.ringline.os.LibC;
import io.ringline.os.Native;
import io.ringline.os.NativeBuffer;
import io.ringline.os.Owner;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A System V shared-memory segment ({@code shmget(2)} / {@code shmat(2)}), wrapped as a buffer by address.
 *
 * <p>The creator makes the segment with {@code IPC_CREAT|IPC_EXCL} and the requested mode (System V IPC ignores the
 * umask), attaches, pre-touches and initialises it. Other processes attach the
 * same key; they see a zero-filled segment until the creator publishes its header, which the channel layer waits for.
 */
public final class SysVSharedMemory implements SharedMemory
{
    private final int key;
    private final int shmid;
    private final boolean creator;
    private final long address;
    private final UnsafeBuffer buffer;
    private boolean closed;

    private SysVSharedMemory(final int key, final int shmid, final boolean creator, final long address,
        final long length)
    {
        this.key = key;
        this.shmid = shmid;
        this.creator = creator;
        this.address = address;
        this.buffer = new UnsafeBuffer(address, (int)length);
    }

    /**
     * Attaches the segment with this key, creating it with {@code createLength} bytes when it does not exist.
     *
     * @param key          System V key, not IPC_PRIVATE (0).
     * @param createLength length of a new segment.
     * @param mode         permission bits of a new segment, e.g. 0600.
     * @param initialiser  writes a new segment's contents; other processes may already be attached and must wait for
     *                     the channel's ready word.
     * @return the attached segment.
     */
    public static SysVSharedMemory openOrCreate(
        final int key, final long createLength, final int mode, final RegionInitialiser initialiser)
    {
        return openOrCreate(key, createLength, mode, MappedFileMemory.ANY_OWNER, initialiser);
    }

    /**
     * Attaches the segment with this key, creating it when it does not exist; an existing segment must be owned by
     * {@code ownerUid}, checked before it is attached.
     *
     * @param key          System V key, not IPC_PRIVATE (0).
     * @param createLength length of a new segment.
     * @param mode         permission bits of a new segment, e.g. 0600.
     * @param ownerUid     the uid an existing segment must belong to, or {@link MappedFileMemory#ANY_OWNER}.
     * @param initialiser  writes a new segment's contents.
     * @return the attached segment.
     */
    public static SysVSharedMemory openOrCreate(
        final int key, final long createLength, final int mode, final int ownerUid,
        final RegionInitialiser initialiser)
    {
        if (createLength < MappedFileMemory.MIN_LENGTH || createLength > MappedFileMemory.MAX_LENGTH)
        {
            throw new IllegalArgumentException(describe(key) + " length=" + createLength + " out of range");
        }

        final LibC libc = Native.libc();
        int shmid = libc.shmget(key, createLength, Native.IPC_CREAT | Native.IPC_EXCL | mode);
        if (shmid >= 0)
        {
            final SysVSharedMemory memory = attach(key, shmid, true, createLength);
            try
            {
                touchAll(memory.buffer);
                initialiser.initialise(memory.buffer);
                return memory;
            }
            catch (final RuntimeException ex)
            {
                memory.unlink();
                memory.close();
                throw ex;
            }
        }

        final int createErrno = Native.errno();
        if (createErrno != Native.EEXIST)
        {
            throw new RinglineException(describe(key) + " length=" + createLength + " could not be created: " +
                Native.describe(createErrno));
        }
        return open(key, ownerUid);
    }

    /**
     * Attaches an existing segment.
     *
     * @param key System V key.
     * @return the attached segment.
     */
    public static SysVSharedMemory open(final int key)
    {
        return open(key, MappedFileMemory.ANY_OWNER);
    }

    /**
     * Attaches an existing segment owned by {@code ownerUid}.
     *
     * @param key      System V key.
     * @param ownerUid the uid the segment must belong to, or {@link MappedFileMemory#ANY_OWNER}.
     * @return the attached segment.
     * @throws RinglineException naming both uids when the segment belongs to another user.
     */
    public static SysVSharedMemory open(final int key, final int ownerUid)
    {
        final int shmid = Native.libc().shmget(key, 0, 0);
        if (shmid < 0)
        {
            throw new RinglineException(describe(key) + " could not be opened: " + Native.describe(Native.errno()));
        }

        final UnsafeBuffer stat = stat(key, shmid);
        Owner.checkSystemV(describe(key), ownerUid, stat);
        final long length = stat.getLong(Native.SHMID_DS_SEGSZ_OFFSET);
        if (length < MappedFileMemory.MIN_LENGTH)
        {
            throw new RinglineException(describe(key) + " is truncated or not a channel: length=" + length +
                " minimum=" + MappedFileMemory.MIN_LENGTH);
        }
        if (length > MappedFileMemory.MAX_LENGTH)
        {
            throw new RinglineException(describe(key) + " is too long to map: length=" + length);
        }
        return attach(key, shmid, false, length);
    }

    /**
     * Marks the segment with this key for removal, if it exists.
     *
     * @param key System V key.
     * @return true when a segment was marked.
     */
    public static boolean remove(final int key)
    {
        final LibC libc = Native.libc();
        final int shmid = libc.shmget(key, 0, 0);
        return shmid >= 0 && libc.shmctl(shmid, Native.IPC_RMID, 0L) == 0;
    }

    private static UnsafeBuffer stat(final int key, final int shmid)
    {
        final NativeBuffer stat = new NativeBuffer(Native.SHMID_DS_LENGTH);
        if (Native.libc().shmctl(shmid, Native.IPC_STAT, stat.address()) != 0)
        {
            throw new RinglineException(describe(key) + " could not be inspected: " +
                Native.describe(Native.errno()));
        }
        return stat.buffer();
    }

    private static SysVSharedMemory attach(final int key, final int shmid, final boolean creator, final long length)
    {
        final long address = Native.libc().shmat(shmid, 0L, 0);
        if (address == -1L)
        {
            throw new RinglineException(describe(key) + " could not be attached: " + Native.describe(Native.errno()));
        }
        return new SysVSharedMemory(key, shmid, creator, address, length);
    }

    private static void touchAll(final AtomicBuffer buffer)
    {
        for (int i = 0; i < buffer.capacity(); i += MappedFileMemory.MIN_LENGTH)
        {
            buffer.putByte(i, (byte)0);
        }
    }

    private static String describe(final int key)
    {
        return "sysvshm key=0x" + Integer.toHexString(key);
    }

    @Override
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    @Override
    public boolean isCreator()
    {
        return creator;
    }

    @Override
    public String description()
    {
        return describe(key) + " shmid=" + shmid;
    }

    @Override
    public void unlink()
    {
        Native.libc().shmctl(shmid, Native.IPC_RMID, 0L);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Native.libc().shmdt(address);
        }
    }
}
