package io.ringline.perf.journal;

import java.nio.file.Path;

/**
 * A channel the journal comparison measures: a writer in one process, a reader in another, over files or shared
 * memory in a directory of the run ({@code /dev/shm}). Every message is {@link TimedMessage}: a sequence number, the
 * time it was due to be sent, zero padding up to the run's size.
 */
public interface OneWayChannel
{
    /**
     * @return the channel's name, the prefix of its peers' names, e.g. {@code chronicle-queue}.
     */
    String name();

    /**
     * @param directory of the run, shared by both sides.
     * @param size      message bytes.
     * @return a writer; the first one opened creates the channel's files.
     */
    Writer openWriter(Path directory, int size);

    /**
     * Opens a reader at the first message still held (the start of a journal or queue, the next message of a ring).
     * For a ring, open it before the writer sends anything.
     *
     * @param directory of the run, shared by both sides.
     * @param size      message bytes.
     * @return a reader.
     */
    Reader openReader(Path directory, int size);

    /**
     * The writing side. Not thread-safe: one thread, as each product's own single-writer samples use it.
     */
    interface Writer extends AutoCloseable
    {
        /**
         * @param sequence    of the message, see {@link TimedMessage}.
         * @param timestampNs when it was due to be sent ({@link System#nanoTime()}).
         * @return true if written, false if the channel refused it for now (back-pressure): try again.
         */
        boolean offer(long sequence, long timestampNs);

        /**
         * Closes the writer and its channel handle; the files stay.
         */
        void close();
    }

    /**
     * The reading side, busy-polled by its caller.
     */
    interface Reader extends AutoCloseable
    {
        /**
         * Reads what has arrived, at most a limit.
         *
         * @param sink  told of each message.
         * @param limit most messages read.
         * @return messages read, 0 if none was there.
         */
        int poll(TimedMessage.Sink sink, int limit);

        /**
         * Closes the reader and its channel handle.
         */
        void close();
    }
}
