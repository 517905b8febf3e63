package io.ringline.sync;

import io.ringline.RinglineException;
import io.ringline.memory.MappedFileMemory;
import io.ringline.os.Native;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static io.ringline.sync.SyncFileDescriptor.FILE_LENGTH;
import static io.ringline.sync.SyncFileDescriptor.MAGIC;
import static io.ringline.sync.SyncFileDescriptor.MAGIC_OFFSET;
import static io.ringline.sync.SyncFileDescriptor.TYPE_OFFSET;
import static io.ringline.sync.SyncFileDescriptor.VERSION;
import static io.ringline.sync.SyncFileDescriptor.VERSION_OFFSET;

/**
 * Creates and opens the file behind a named mutex or event count, and checks its header.
 */
final class SyncFile
{
    private SyncFile()
    {
    }

    static MappedFileMemory openOrCreate(final Path path, final int type, final int mode)
    {
        if ((mode & ~0777) != 0)
        {
            throw new IllegalArgumentException("file=" + path + " mode=0" + Integer.toOctalString(mode) +
                " has bits outside 0777");
        }
        final MappedFileMemory memory = MappedFileMemory.openOrCreate(path, FILE_LENGTH, mode,
            (buffer) ->
            {
                buffer.putLong(MAGIC_OFFSET, MAGIC);
                buffer.putInt(TYPE_OFFSET, type);
                buffer.putIntRelease(VERSION_OFFSET, VERSION);
            });
        return checked(memory, type);
    }

    static MappedFileMemory open(final Path path, final int type)
    {
        final MappedFileMemory memory;
        try
        {
            memory = MappedFileMemory.open(path);
        }
        catch (final RinglineException ex)
        {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
            {
                throw new SyncException("file=" + path + " type=" + SyncFileDescriptor.typeName(type) +
                    " does not exist", Native.ENOENT);
            }
            throw ex;
        }
        return checked(memory, type);
    }

    private static MappedFileMemory checked(final MappedFileMemory memory, final int type)
    {
        final AtomicBuffer buffer = memory.buffer();
        final String problem;
        if (buffer.getLong(MAGIC_OFFSET) != MAGIC)
        {
            problem = " is not a Ringline synchronisation object: magic=0x" +
                Long.toHexString(buffer.getLong(MAGIC_OFFSET)) + " expected=0x" + Long.toHexString(MAGIC);
        }
        else if (buffer.getIntVolatile(VERSION_OFFSET) != VERSION)
        {
            problem = " has an unsupported layout: file version=" + buffer.getIntVolatile(VERSION_OFFSET) +
                " code version=" + VERSION;
        }
        else if (buffer.getInt(TYPE_OFFSET) != type)
        {
            problem = " holds another kind of object: file type=" +
                SyncFileDescriptor.typeName(buffer.getInt(TYPE_OFFSET)) + " expected=" +
                SyncFileDescriptor.typeName(type);
        }
        else
        {
            return memory;
        }
        memory.close();
        throw new SyncException("file=" + memory.path() + problem, Native.EINVAL);
    }
}
