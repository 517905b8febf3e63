package io.ringline.journal;

import java.util.concurrent.locks.LockSupport;

/**
 * A test-only switch that stops a journal publisher for good inside a segment roll, so that a test can SIGKILL it
 * there for certain rather than by chance (issue 13: Chronicle Queue's issue #1509, where a half-made roll stalled
 * tailers). Like {@code io.ringline.ring.Ablations}, it is a system property read once into a constant the JIT
 * folds: with it unset, the default, the compiled claim is the code without it. Never set it in production: the
 * publisher that reaches the point prints a line and parks its thread forever.
 *
 * <table>
 * <caption>{@code ringline.journal.test.stopAtRoll} (default unset)</caption>
 * <tr><th>value</th><th>where the publisher stops</th><th>what readers then see</th></tr>
 * <tr><td>{@code before-padding}</td><td>right after the compare-and-set of the tail that crosses the segment's
 * end, before anything is written: no padding in the old segment, no record in the new one</td><td>two holes: the
 * old segment's end and the new segment's first record</td></tr>
 * <tr><td>{@code before-first-record}</td><td>after the padding is committed and the new segment's index entry
 * written, before the first record of the new segment is</td><td>one hole: the new segment's first record</td></tr>
 * </table>
 *
 * <p>The line printed is {@code stopped-at-roll point=POINT tail=T start=S}: {@code T} is where the padding goes
 * (the old tail), {@code S} the first position of the new segment, where the claimed record goes.
 */
final class RollStopHook
{
    /** The system property naming the point. */
    static final String STOP_AT_ROLL_PROP_NAME = "ringline.journal.test.stopAtRoll";
    /** Value: stop after the tail's compare-and-set, before the padding. */
    static final String BEFORE_PADDING = "before-padding";
    /** Value: stop after the padding, before the new segment's first record. */
    static final String BEFORE_FIRST_RECORD = "before-first-record";

    private static final String POINT = point(System.getProperty(STOP_AT_ROLL_PROP_NAME));
    /** Stop before the padding is committed. */
    static final boolean STOP_BEFORE_PADDING = BEFORE_PADDING.equals(POINT);
    /** Stop before the new segment's first record is committed. */
    static final boolean STOP_BEFORE_FIRST_RECORD = BEFORE_FIRST_RECORD.equals(POINT);

    private RollStopHook()
    {
    }

    private static String point(final String value)
    {
        if (null != value && !BEFORE_PADDING.equals(value) && !BEFORE_FIRST_RECORD.equals(value))
        {
            throw new IllegalArgumentException(STOP_AT_ROLL_PROP_NAME + "=" + value + " is not one of " +
                BEFORE_PADDING + ", " + BEFORE_FIRST_RECORD);
        }
        return value;
    }

    /**
     * Prints where it stopped and parks the calling thread for good.
     *
     * @param point the point reached.
     * @param tail  the tail before the claim: where the padding goes.
     * @param start the first position of the new segment.
     */
    static void stop(final String point, final long tail, final long start)
    {
        System.out.println("stopped-at-roll point=" + point + " tail=" + tail + " start=" + start);
        System.out.flush();
        while (true)
        {
            LockSupport.park();
        }
    }
}
