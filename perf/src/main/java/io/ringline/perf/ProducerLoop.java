package io.ringline.perf;

/**
 * Child side of a throughput run: sends as fast as the transport accepts, first for the warm-up, then the
 * {@link BenchMessage#MEASURE_START} marker, then for the measured time, then {@link BenchMessage#END_OF_STREAM}.
 * The clock is read once per batch of 1,024 messages, so timing costs almost nothing per message.
 */
public final class ProducerLoop
{
    private static final int BATCH = 1024;

    private ProducerLoop()
    {
    }

    /**
     * Runs the producer.
     *
     * @param sender    the transport.
     * @param warmupNs  nanoseconds to send before the start marker.
     * @param measureNs nanoseconds to send between the markers.
     */
    public static void run(final MessageSender sender, final long warmupNs, final long measureNs)
    {
        long sequence = sendFor(sender, 1, warmupNs);
        sendOne(sender, BenchMessage.MEASURE_START);
        sendFor(sender, sequence, measureNs);
        sendOne(sender, BenchMessage.END_OF_STREAM);
    }

    private static long sendFor(final MessageSender sender, final long firstSequence, final long durationNs)
    {
        final long deadlineNs = System.nanoTime() + durationNs;
        long sequence = firstSequence;
        do
        {
            for (int i = 0; i < BATCH; i++)
            {
                sendOne(sender, sequence++);
            }
        }
        while (System.nanoTime() - deadlineNs < 0);

        return sequence;
    }

    private static void sendOne(final MessageSender sender, final long sequence)
    {
        while (!sender.offer(sequence))
        {
            Thread.onSpinWait();
        }
    }
}
