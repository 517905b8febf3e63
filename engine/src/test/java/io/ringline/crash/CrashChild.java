package io.ringline.crash;

import io.ringline.MessageHandler;
import io.ringline.Ringline;

/**
 * What the crash tests' child processes and the soak benchmark share, with nothing of JUnit in it.
 */
public final class CrashChild
{
    private CrashChild()
    {
    }

    /**
     * The context of child processes: heartbeats every 10 ms, so that a short liveness timeout in the process that
     * checks does not take a busy child for a dead one; the liveness and unblock timeouts stay at their defaults.
     *
     * @return a new context.
     */
    public static Ringline.Context childContext()
    {
        return new Ringline.Context().heartbeatIntervalMs(10);
    }

    /**
     * @param checker counts what arrives.
     * @return a handler that checks each message's integrity and hands its identity to the checker.
     */
    public static MessageHandler checkingHandler(final CrashChecker checker)
    {
        return (buffer, offset, length, header) ->
        {
            if (!CrashMessage.isIntact(buffer, offset, length))
            {
                checker.onCorrupt("length=" + length + " position=" + header.position());
                return;
            }
            checker.onMessage(
                CrashMessage.publisher(buffer, offset), CrashMessage.incarnation(buffer, offset),
                CrashMessage.sequence(buffer, offset));
        };
    }

    /**
     * @param output what a {@link CrashPublisherMain} printed.
     * @return the last sequence it printed as committed on a complete line, or -1.
     */
    public static long lastAcknowledged(final String output)
    {
        final int end = output.lastIndexOf('\n');
        long last = -1;
        for (final String line : output.substring(0, end + 1).split("\n"))
        {
            if (line.startsWith("A "))
            {
                last = Math.max(last, Long.parseLong(line.substring(2).trim()));
            }
        }
        return last;
    }

    /**
     * @param output what a {@link CrashSubscriberMain} printed.
     * @return the last count of delivered messages it printed.
     */
    public static long lastDelivered(final String output)
    {
        return output.lines().filter(line -> line.startsWith("S ") && line.split(" ").length == 3)
            .mapToLong(line -> Long.parseLong(line.split(" ")[1])).max().orElse(0);
    }
}
