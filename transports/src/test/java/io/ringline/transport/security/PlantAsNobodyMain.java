package io.ringline.transport.security;

import io.ringline.Ringline;
import io.ringline.os.Native;
import io.ringline.ring.RingDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Child of {@link ForeignObjectTest}, run as another user (nobody): plants one object of every kind with a mode that
 * lets everyone in, as an attacker who wants to read what the test's process sends would, prints {@code PLANTED} and
 * halts without closing anything, so that every object stays (a Unix socket file too).
 *
 * <p>Arguments: {@code posixsemRingPath sysvsemRingPath uri...}. The first two are ring files of the test's own user, made with {@code perm=666}: for the
 * first, the semaphore its {@code wait=posixsem} subscribers would open is created ahead of them; for the second, a
 * System V semaphore set of this user is written into its header as the channel's. Each URI is opened as a
 * subscriber, which creates the object.
 */
public final class PlantAsNobodyMain
{
    private PlantAsNobodyMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final UnsafeBuffer posixRing = map(Path.of(args[0]));
        final String semaphore = "/ringline-wake-" + Long.toHexString(posixRing.getLong(RingDescriptor.SALT_OFFSET));
        if (0 == Native.libc().sem_open(semaphore, Native.O_CREAT | Native.O_EXCL, 0666, 0)) // SEM_FAILED
        {
            throw new IllegalStateException("semaphore=" + semaphore + ": " + Native.describe(Native.errno()));
        }
        chmodSemaphore(semaphore);

        final UnsafeBuffer sysvRing = map(Path.of(args[1]));
        final int id = Native.libc().semget(0, 1, Native.IPC_CREAT | 0666);
        if (id < 0 || !sysvRing.compareAndSetInt(RingDescriptor.SYSVSEM_ID_OFFSET, 0, id + 1))
        {
            throw new IllegalStateException("System V semaphore id=" + id + " could not be planted");
        }
        System.out.println("SYSVSEM " + id);

        final Ringline ringline = Ringline.connect();
        for (int i = 2; i < args.length; i++)
        {
            ringline.addSubscriber(args[i]);
        }
        System.out.println("PLANTED");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static UnsafeBuffer map(final Path path) throws Exception
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            final MappedByteBuffer mapped = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 4096);
            return new UnsafeBuffer(mapped);
        }
    }

    private static void chmodSemaphore(final String semaphore)
    {
        final String path = "/dev/shm/sem." + semaphore.substring(1);
        final int fd = Native.libc().open(path, Native.O_RDWR | Native.O_NOFOLLOW, 0);
        if (fd < 0 || Native.libc().fchmod(fd, 0666) != 0)
        {
            throw new IllegalStateException(path + ": " + Native.describe(Native.errno()));
        }
        Native.libc().close(fd);
    }
}
