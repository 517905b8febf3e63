package io.ringline.journal;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The processes of {@link JournalSoakTest}, which SIGKILLs them at random points. What each has done is kept in a
 * mapped file, which outlives a SIGKILL (it is the page cache), for the test to check:
 * <ul>
 *   <li>a writer incarnation's state file: at {@link #ACKED_OFFSET} the count of messages whose {@code offer}
 *   returned a position (committed, as the journal defines it), stored after each return, and at
 *   {@link #POSITION_OFFSET} the last such position;</li>
 *   <li>a reader incarnation's log: at {@link #COUNT_OFFSET} the count of entries, then {@link #ENTRY_LENGTH}-byte
 *   entries {@code (position, id)}: {@link #JOIN} with the subscriber's position when it opened (its named cursor),
 *   one per message delivered ({@code Header.position()}, the message's id), and {@link #POLL_END} with the
 *   subscriber's position after each poll that delivered something (where its cursor was stored).</li>
 * </ul>
 * A message is {@code writer slot (int), incarnation (int), sequence (long)}, then a pattern to {@link #length(long)}
 * bytes (16 to 3000: mixed sizes, some fragmented).
 */
final class JournalSoakChild
{
    static final int ACKED_OFFSET = 0;
    static final int POSITION_OFFSET = 8;
    static final int COUNT_OFFSET = 0;
    static final int ENTRIES_OFFSET = 64;
    static final int ENTRY_LENGTH = 16;
    static final long JOIN = -2;
    static final long POLL_END = -1;

    private JournalSoakChild()
    {
    }

    static int length(final long sequence)
    {
        return sequence % 89 == 0 ? 3000 : 16 + (int)(sequence * 7919 % 400);
    }

    static long id(final int slot, final int incarnation, final long sequence)
    {
        return (long)slot << 56 | (long)incarnation << 32 | sequence;
    }

    static MappedByteBuffer map(final Path file, final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
    }

    /**
     * Args: URI, slot, incarnation, state file, stop file, messages per second. Offers at that rate until the stop
     * file exists, then prints "done".
     */
    static final class WriterMain
    {
        public static void main(final String[] args) throws IOException
        {
            final int slot = Integer.parseInt(args[1]);
            final int incarnation = Integer.parseInt(args[2]);
            final UnsafeBuffer state = new UnsafeBuffer(map(Path.of(args[3]), 64));
            final Path stop = Path.of(args[4]);
            final long intervalNs = 1_000_000_000L / Long.parseLong(args[5]);
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(args[0]))
            {
                System.out.println("ready");
                final long startNs = System.nanoTime();
                for (long sequence = 0; (sequence & 255) != 0 || !Files.exists(stop); sequence++)
                {
                    final long dueNs = startNs + sequence * intervalNs;
                    while (System.nanoTime() - dueNs < 0)
                    {
                        LockSupport.parkNanos(50_000);
                    }
                    final int length = length(sequence);
                    for (int i = 16; i < length; i++)
                    {
                        message.putByte(i, (byte)(sequence + i));
                    }
                    message.putInt(0, slot);
                    message.putInt(4, incarnation);
                    message.putLong(8, sequence);
                    long result;
                    while ((result = publisher.offer(message, 0, length, 1)) < 0)
                    {
                        if (result == Publisher.STORAGE_FULL || result == Publisher.CLOSED)
                        {
                            System.out.println("FAIL offer " + result);
                            System.exit(2);
                        }
                        Thread.onSpinWait();
                    }
                    state.putLong(POSITION_OFFSET, result);
                    state.putLongRelease(ACKED_OFFSET, sequence + 1);
                }
            }
            System.out.println("done");
        }
    }

    /**
     * Args: URI (with a named cursor), log file, log capacity in entries, poll limit. Reads until killed, logging
     * as the class says; a damaged payload prints "FAIL" and halts.
     */
    static final class ReaderMain
    {
        public static void main(final String[] args) throws IOException
        {
            final long capacity = Long.parseLong(args[2]);
            final MappedByteBuffer mapped = map(Path.of(args[1]), ENTRIES_OFFSET + capacity * ENTRY_LENGTH);
            final UnsafeBuffer log = new UnsafeBuffer(mapped);
            final int limit = Integer.parseInt(args[3]);
            final long[] count = new long[1];
            try (Ringline ringline = Ringline.connect();
                Subscriber subscriber = ringline.addSubscriber(args[0]))
            {
                append(log, count, subscriber.position(), JOIN);
                System.out.println("ready");
                while (true)
                {
                    final int delivered = subscriber.receive((buffer, offset, length, header) ->
                        append(log, count, header.position(), check(buffer, offset, length)),
                        limit, TimeUnit.MILLISECONDS.toNanos(100));
                    if (delivered > 0)
                    {
                        append(log, count, subscriber.position(), POLL_END);
                    }
                }
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }

        private static void append(final UnsafeBuffer log, final long[] count, final long position, final long id)
        {
            final int at = ENTRIES_OFFSET + (int)(count[0] * ENTRY_LENGTH);
            log.putLong(at, position);
            log.putLong(at + 8, id);
            log.putLongRelease(COUNT_OFFSET, ++count[0]);
        }

        private static long check(final DirectBuffer buffer, final int offset, final int length)
        {
            final long sequence = buffer.getLong(offset + 8);
            boolean intact = length == length(sequence);
            for (int i = 16; intact && i < length; i++)
            {
                intact = buffer.getByte(offset + i) == (byte)(sequence + i);
            }
            if (!intact)
            {
                System.out.println("FAIL damaged message slot " + buffer.getInt(offset) + " incarnation " +
                    buffer.getInt(offset + 4) + " sequence " + sequence + " length " + length);
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
            return id(buffer.getInt(offset), buffer.getInt(offset + 4), sequence);
        }
    }
}
