package io.ringline.perf.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A Ringline channel through the public API, for the journal comparison: the journal ({@code journal:DIR}, the
 * subject) or the shared-memory ring ({@code shm:NAME}, the yardstick the journal's latency is held to). The writer
 * is the single publisher ({@code addExclusivePublisher}: for a journal that is its compare-and-set publisher), the
 * reader a busy-polled subscriber; the journal reader starts at {@code from=start}. Each side connects its own
 * {@link Ringline} with the run directory as {@code shmDir}, so a ring lives there too.
 */
public final class RinglineChannel implements OneWayChannel
{
    /** Data bytes of the ring, the bench's default {@code ringCapacity}. */
    private static final int RING_CAPACITY = 1 << 20;

    private final boolean journal;

    private RinglineChannel(final boolean journal)
    {
        this.journal = journal;
    }

    /**
     * @return the journal, {@code journal:RUN_DIR/journal} with its default 64 MiB segments.
     */
    public static RinglineChannel journal()
    {
        return new RinglineChannel(true);
    }

    /**
     * @return the shared-memory ring, {@code shm:ring} of 1 MiB.
     */
    public static RinglineChannel ring()
    {
        return new RinglineChannel(false);
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return journal ? "ringline-journal" : "ringline-shm";
    }

    private String uri(final Path directory, final int size, final boolean reader)
    {
        if (journal)
        {
            return "journal:" + directory.resolve("journal").toAbsolutePath() + (reader ? "?from=start" : "");
        }
        return "shm:ring?capacity=" + RING_CAPACITY + "&max-msg=" + Math.max(size, RING_CAPACITY / 8);
    }

    private static Ringline connect(final Path directory)
    {
        return Ringline.connect(new Ringline.Context().shmDir(directory.toString()));
    }

    /**
     * {@inheritDoc}
     */
    public Writer openWriter(final Path directory, final int size)
    {
        final Ringline ringline = connect(directory);
        final Publisher publisher = ringline.addExclusivePublisher(uri(directory, size, false));
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(TimedMessage.checkSize(size)));
        return new Writer()
        {
            public boolean offer(final long sequence, final long timestampNs)
            {
                message.putLong(TimedMessage.SEQUENCE_OFFSET, sequence);
                message.putLong(TimedMessage.TIMESTAMP_OFFSET, timestampNs);
                return publisher.offer(message, 0, size) >= 0;
            }

            public void close()
            {
                publisher.close();
                ringline.close();
            }
        };
    }

    /**
     * {@inheritDoc}
     */
    public Reader openReader(final Path directory, final int size)
    {
        final Ringline ringline = connect(directory);
        final Subscriber subscriber = ringline.addSubscriber(uri(directory, size, true));
        return new Reader()
        {
            private TimedMessage.Sink sink;
            private final MessageHandler handler = (final DirectBuffer buffer, final int offset, final int length,
                final io.ringline.Header header) -> sink.onMessage(
                buffer.getLong(offset + TimedMessage.SEQUENCE_OFFSET),
                buffer.getLong(offset + TimedMessage.TIMESTAMP_OFFSET));

            public int poll(final TimedMessage.Sink sink, final int limit)
            {
                this.sink = sink;
                return subscriber.poll(handler, limit);
            }

            public void close()
            {
                subscriber.close();
                ringline.close();
            }
        };
    }
}
