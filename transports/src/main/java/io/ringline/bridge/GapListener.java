package io.ringline.bridge;

/**
 * Told by a receiving {@link Bridge} of every break in the sequence it receives, so that no loss is silent. Called
 * on the bridge's thread; must not block for long.
 */
@FunctionalInterface
public interface GapListener
{
    /**
     * @param event       what happened: {@code gap}, {@code joined} (this bridge started, or the sender restarted, at a
     *                    sequence after 0), {@code sender-restart}, {@code duplicate}, {@code too-long}, {@code stopped}, {@code not-resumed} (a
     *                    sending bridge's state could not be resumed: a new epoch starts at the source's tail).
     * @param epoch       the sender epoch concerned.
     * @param expected    the sequence expected next.
     * @param received    the sequence received.
     * @param lost        messages known or possibly lost by this event (0 for a restart at sequence 0).
     */
    void onGap(String event, int epoch, long expected, long received, long lost);
}
