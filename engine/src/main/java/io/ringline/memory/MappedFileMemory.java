package io.ringline.memory;

import io.ringline.RinglineException;
import io.ringline.os.FileStatus;
import io.ringline.os.LibC;
import io.ringline.os.Native;
import io.ringline.os.Owner;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A memory-mapped file shared between processes: a POSIX shared-memory object (a file under /dev/shm, as
 * {@code shm_open(3)} makes it) or any file on disk.
 *
 * <p>Creation never exposes a half-written file. The creator writes a temporary file beside the target
 * ({@code O_CREAT|O_EXCL|O_NOFOLLOW}, mode set with {@code fchmod} so the umask cannot change it, blocks reserved
 * with {@code posix_fallocate} so a full filesystem is an error and not a SIGBUS), initialises it, and then
 * hard-links it to the target name, which fails if another process got there first. The loser removes its
 * temporary file and opens the winner's.
 */
public final class MappedFileMemory implements SharedMemory
{
    /** Smallest file that is worth mapping: one page. */
    public static final int MIN_LENGTH = 4096;
    /** Largest file a {@link java.nio.MappedByteBuffer} can map. */
    public static final long MAX_LENGTH = Integer.MAX_VALUE;
    /** Owner uid that accepts a file whoever owns it. */
    public static final int ANY_OWNER = Owner.ANY_UID;

    private final Path path;
    private final boolean creator;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private boolean closed;

    private MappedFileMemory(final Path path, final boolean creator, final MappedByteBuffer mapped)
    {
        this.path = path;
        this.creator = creator;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Opens the file at {@code path}, creating it with {@code createLength} bytes and the given initialiser when it
     * does not exist.
     *
     * @param path         absolute path of the file.
     * @param createLength length of a new file in bytes.
     * @param mode         permission bits of a new file, e.g. 0600.
     * @param initialiser  writes the new file's contents before it becomes visible.
     * @return the mapped region.
     */
    public static MappedFileMemory openOrCreate(
        final Path path, final long createLength, final int mode, final RegionInitialiser initialiser)
    {
        return openOrCreate(path, createLength, mode, ANY_OWNER, initialiser);
    }

    /**
     * Opens the file at {@code path}, creating it when it does not exist; an existing file must be owned by
     * {@code ownerUid}, checked before it is mapped, so that another user's file (which its owner could truncate
     * under us) is never mapped by accident.
     *
     * @param path         absolute path of the file.
     * @param createLength length of a new file in bytes.
     * @param mode         permission bits of a new file, e.g. 0600.
     * @param ownerUid     the uid an existing file must belong to, or {@link #ANY_OWNER}.
     * @param initialiser  writes the new file's contents before it becomes visible.
     * @return the mapped region.
     * @throws RinglineException naming both uids when the file belongs to another user.
     */
    public static MappedFileMemory openOrCreate(
        final Path path, final long createLength, final int mode, final int ownerUid,
        final RegionInitialiser initialiser)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
            {
                final MappedFileMemory existing = openExisting(path, ownerUid, false);
                if (null != existing)
                {
                    return existing;
                }
                continue; // removed between the check and the open: try to create it
            }

            final MappedFileMemory created = tryCreate(path, createLength, mode, initialiser);
            if (null != created)
            {
                return created;
            }
        }

        throw new RinglineException("file=" + path + " keeps appearing and disappearing while being opened");
    }

    /**
     * Opens an existing file and maps all of it.
     *
     * @param path absolute path of the file.
     * @return the mapped region.
     * @throws RinglineException when the file does not exist, is not a regular file, or is too short or too long.
     */
    public static MappedFileMemory open(final Path path)
    {
        final MappedFileMemory memory = openExisting(path, ANY_OWNER, false);
        if (null == memory)
        {
            throw new RinglineException("file=" + path + " does not exist");
        }
        return memory;
    }

    /**
     * Opens an existing file that must be owned by {@code ownerUid}, and maps all of it.
     *
     * @param path     absolute path of the file.
     * @param ownerUid the uid the file must belong to, or {@link #ANY_OWNER}.
     * @return the mapped region, or null when the file does not exist.
     * @throws RinglineException when another user owns it, or it is not a regular file, or is too short or too long.
     */
    public static MappedFileMemory openIfExists(final Path path, final int ownerUid)
    {
        return openExisting(path, ownerUid, false);
    }

    /**
     * Opens an existing file that must be owned by {@code ownerUid}, and maps all of it read-only: for a reader that
     * never writes, since a page first read through a read-only mapping can cost less to map than one read through a
     * writable one (a third, under this project's PVM guest: docs/perf.md, issue 13). Writing to the buffer crashes the
     * process.
     *
     * @param path     absolute path of the file.
     * @param ownerUid the uid the file must belong to, or {@link #ANY_OWNER}.
     * @return the read-only mapped region, or null when the file does not exist.
     * @throws RinglineException when another user owns it, or it is not a regular file, or is too short or too long.
     */
    public static MappedFileMemory openReadOnlyIfExists(final Path path, final int ownerUid)
    {
        return openExisting(path, ownerUid, true);
    }

    /**
     * Removes a file if it exists.
     *
     * @param path the file.
     * @return true when a file was removed.
     */
    public static boolean delete(final Path path)
    {
        try
        {
            return Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new RinglineException("file=" + path + " could not be removed: " + ex, ex);
        }
    }

    /**
     * Opens the file itself ({@code O_NOFOLLOW}), checks the owner, type and length of what was opened (never of a
     * path that may name something else by then), and maps it through {@code /proc/self/fd}, which reopens that same
     * file.
     *
     * @return the mapping, or null when the file no longer exists.
     */
    private static MappedFileMemory openExisting(final Path path, final int ownerUid, final boolean readOnly)
    {
        final LibC libc = Native.libc();
        final int access = readOnly ? Native.O_RDONLY : Native.O_RDWR;
        final int fd = libc.open(
            path.toString(), access | Native.O_NOFOLLOW | Native.O_CLOEXEC | Native.O_NONBLOCK, 0);
        if (fd < 0)
        {
            final int errno = Native.errno();
            if (errno == Native.ENOENT)
            {
                return null;
            }
            if (errno == Native.ELOOP)
            {
                throw new RinglineException("file=" + path + " is a symbolic link; Ringline does not follow links");
            }
            throw new RinglineException("file=" + path + " could not be opened: " + Native.describe(errno));
        }
        try
        {
            final FileStatus status = Owner.checkDescriptor("file=" + path, ownerUid, fd);
            if (status.type() != FileStatus.S_IFREG)
            {
                throw new RinglineException("file=" + path + " is not a regular file");
            }
            final long length = status.size();
            if (length < MIN_LENGTH)
            {
                throw new RinglineException(
                    "file=" + path + " is truncated or not a channel: length=" + length + " minimum=" + MIN_LENGTH);
            }
            if (length > MAX_LENGTH)
            {
                throw new RinglineException("file=" + path + " is too long to map: length=" + length);
            }
            final Path reopened = Path.of("/proc/self/fd/" + fd);
            try (FileChannel channel = readOnly ? FileChannel.open(reopened, StandardOpenOption.READ) :
                FileChannel.open(reopened, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                return new MappedFileMemory(path, false, channel.map(
                    readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0, length));
            }
            catch (final IOException ex)
            {
                throw new RinglineException("file=" + path + " could not be mapped: " + ex.getMessage(), ex);
            }
        }
        finally
        {
            libc.close(fd);
        }
    }

    private static MappedFileMemory tryCreate(
        final Path path, final long length, final int mode, final RegionInitialiser initialiser)
    {
        if (length < MIN_LENGTH || length > MAX_LENGTH)
        {
            throw new IllegalArgumentException("file=" + path + " length=" + length + " out of range [" +
                MIN_LENGTH + ", " + MAX_LENGTH + "]");
        }

        final Path temp = path.resolveSibling(
            "." + path.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try
        {
            reserve(temp, length, mode);
            final MappedByteBuffer mapped;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
            }

            final MappedFileMemory memory = new MappedFileMemory(path, true, mapped);
            try
            {
                initialiser.initialise(memory.buffer);
                Files.createLink(path, temp);
                return memory;
            }
            catch (final FileAlreadyExistsException ex)
            {
                memory.close();
                return null;
            }
            catch (final RuntimeException | IOException ex)
            {
                memory.close();
                throw ex;
            }
        }
        catch (final IOException ex)
        {
            throw new RinglineException("file=" + path + " could not be created: " + ex.getMessage(), ex);
        }
        finally
        {
            try
            {
                Files.deleteIfExists(temp);
            }
            catch (final IOException ignore)
            {
                // best effort: a stray temporary file is reported by `ringline clean`
            }
        }
    }

    private static void reserve(final Path temp, final long length, final int mode)
    {
        final LibC libc = Native.libc();
        final int fd = libc.open(
            temp.toString(), Native.O_RDWR | Native.O_CREAT | Native.O_EXCL | Native.O_NOFOLLOW | Native.O_CLOEXEC,
            mode);
        if (fd < 0)
        {
            throw new RinglineException(
                "file=" + temp + " could not be created: " + Native.describe(Native.errno()));
        }

        try
        {
            if (libc.fchmod(fd, mode) != 0)
            {
                throw new RinglineException(
                    "file=" + temp + " mode=" + Integer.toOctalString(mode) + " could not be set: " +
                    Native.describe(Native.errno()));
            }
            final int error = libc.posix_fallocate(fd, 0, length);
            if (error != 0)
            {
                throw new RinglineException(
                    "file=" + temp + " length=" + length + " could not be reserved: " + Native.describe(error));
            }
        }
        catch (final RuntimeException ex)
        {
            libc.close(fd);
            delete(temp);
            throw ex;
        }
        libc.close(fd);
    }

    /**
     * @return the mapped file's path.
     */
    public Path path()
    {
        return path;
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
        return "file=" + path;
    }

    @Override
    public void unlink()
    {
        delete(path);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
