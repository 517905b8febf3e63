package io.ringline.perf.jmh;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The channel a journal benchmark runs on, the journal or, for comparison in the same run, the ring: a
 * {@code journal:} directory under /dev/shm (tmpfs, as in {@code ringline bench --journal}) with 16 MiB segments and
 * the last 4 kept, or a {@code shm:} ring of 16 MiB, opened with a subscriber and an exclusive publisher. Each trial
 * gets a fresh one and removes it.
 */
final class JournalBenchmarkChannel implements AutoCloseable
{
    /** Bytes per message, as in issue 13's runs. */
    static final int LENGTH = 40;

    private final Path directory;
    private final String uri;
    private Ringline ringline;
    private Subscriber subscriber;
    private Publisher publisher;

    private JournalBenchmarkChannel(final Path directory, final String uri)
    {
        this.directory = directory;
        this.uri = uri;
    }

    /**
     * @param kind {@code journal} or {@code ring}.
     * @return a fresh channel of that kind.
     */
    private static JournalBenchmarkChannel create(final String kind)
    {
        final String name = "jmh-journal-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        switch (kind)
        {
            case "journal":
                final Path directory = Path.of("/dev/shm", name);
                return new JournalBenchmarkChannel(directory, "journal:" + directory + "?segment=16m&retain=4");
            case "ring":
                return new JournalBenchmarkChannel(null, "shm:" + name + "?capacity=16m");
            default:
                throw new IllegalArgumentException("kind=" + kind + " is not journal or ring");
        }
    }

    /**
     * @param kind {@code journal} or {@code ring}.
     * @return a fresh channel of that kind with its subscriber (a journal's reading from its start) and its exclusive
     *         publisher open.
     */
    static JournalBenchmarkChannel open(final String kind)
    {
        final JournalBenchmarkChannel channel = create(kind);
        channel.ringline = Ringline.connect();
        channel.subscriber = channel.ringline.addSubscriber(
            null == channel.directory ? channel.uri : channel.uri + "&from=start");
        channel.publisher = channel.ringline.addExclusivePublisher(channel.uri);
        return channel;
    }

    /**
     * @return the exclusive publisher.
     */
    Publisher publisher()
    {
        return publisher;
    }

    /**
     * @return the subscriber.
     */
    Subscriber subscriber()
    {
        return subscriber;
    }

    /**
     * Closes both ends, removes the channel and deletes the journal's directory, if any.
     */
    @Override
    public void close()
    {
        subscriber.close();
        publisher.close();
        ringline.removeChannel(uri);
        ringline.close();
        deleteFiles();
    }

    private void deleteFiles()
    {
        if (null == directory || !Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
