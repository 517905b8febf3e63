package io.ringline.perf;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A file mapped read-write into memory and viewed through an {@link UnsafeBuffer}. The mapping starts on a page
 * boundary, so offsets that are multiples of 64 are cache-line aligned. {@link #close()} unmaps; it does not delete.
 */
public final class MappedFile implements AutoCloseable
{
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private MappedFile(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Creates a new zero-filled file and maps it.
     *
     * @param path   of a file that must not exist yet.
     * @param length in bytes.
     * @return the mapping.
     * @throws IOException if the file exists or cannot be created.
     */
    public static MappedFile create(final Path path, final int length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            return new MappedFile(channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        }
    }

    /**
     * Maps the whole of an existing file.
     *
     * @param path of the file.
     * @return the mapping.
     * @throws IOException if the file cannot be opened.
     */
    public static MappedFile open(final Path path) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            return new MappedFile(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size()));
        }
    }

    /**
     * @return the mapped bytes.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Unmaps the file; the buffer must not be used afterwards.
     */
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
