package io.ringline.perf.journal;

import java.nio.file.Path;
import java.util.List;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Chronicle Queue (open source) as the journal's peer, configured as its own single-threaded benchmarks and samples
 * use it: a {@code binary} queue in the run directory (on {@code /dev/shm}, so tmpfs like the journal), the default
 * {@link RollCycles#FAST_DAILY} roll cycle (a run of seconds never rolls unless it crosses midnight UTC) and block
 * size, one appender on one thread writing each message as one excerpt ({@code writeBytes} of a native
 * {@link BytesStore}), and a tailer from the start busy-polling {@code readingDocument()}. Pretouching the next cycle
 * is an enterprise feature and is not used.
 *
 * <p>Every JVM that loads it needs {@link #JVM_OPTIONS} on Java 17 and later.
 */
public final class ChronicleQueueChannel implements OneWayChannel
{
    /**
     * The options Chronicle's "Java 17 support" page lists for Java 17 and later (the same on 21 and 25); without them
     * its classes fail to initialise. Given to every child of the benchmark, whatever its peer, and to the launcher.
     */
    public static final List<String> JVM_OPTIONS = List.of(
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED");

    /**
     * Name of the channel, and prefix of its peers.
     */
    public static final String NAME = "chronicle-queue";

    static
    {
        // Chronicle's usage analytics would otherwise try to reach the network from a benchmark.
        System.setProperty("chronicle.analytics.disable", "true");
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    private static SingleChronicleQueue open(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory.resolve("chronicle")).rollCycle(RollCycles.FAST_DAILY)
            .build();
    }

    /**
     * {@inheritDoc}
     */
    public Writer openWriter(final Path directory, final int size)
    {
        final SingleChronicleQueue queue = open(directory);
        final ExcerptAppender appender = queue.createAppender();
        final BytesStore<?, Void> message = BytesStore.nativeStoreWithFixedCapacity(TimedMessage.checkSize(size));
        message.zeroOut(0, size);
        return new Writer()
        {
            public boolean offer(final long sequence, final long timestampNs)
            {
                message.writeLong(TimedMessage.SEQUENCE_OFFSET, sequence);
                message.writeLong(TimedMessage.TIMESTAMP_OFFSET, timestampNs);
                appender.writeBytes(message);
                return true;
            }

            public void close()
            {
                appender.close();
                queue.close();
                message.releaseLast();
            }
        };
    }

    /**
     * {@inheritDoc}
     */
    public Reader openReader(final Path directory, final int size)
    {
        final SingleChronicleQueue queue = open(directory);
        final ExcerptTailer tailer = queue.createTailer();
        return new Reader()
        {
            public int poll(final TimedMessage.Sink sink, final int limit)
            {
                int read = 0;
                while (read < limit)
                {
                    try (DocumentContext document = tailer.readingDocument())
                    {
                        if (!document.isPresent())
                        {
                            break;
                        }
                        final Bytes<?> bytes = document.wire().bytes();
                        final long start = bytes.readPosition();
                        sink.onMessage(
                            bytes.readLong(start + TimedMessage.SEQUENCE_OFFSET),
                            bytes.readLong(start + TimedMessage.TIMESTAMP_OFFSET));
                        read++;
                    }
                }
                return read;
            }

            public void close()
            {
                tailer.close();
                queue.close();
            }
        };
    }
}
