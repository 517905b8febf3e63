package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Harness side: bounds a run in time and notices a dead child, so a busy-spin loop on the harness never hangs.
 * A child that has exited is tolerated for one second, long enough to read the last messages it sent; after that, or
 * once the deadline has passed, the next check throws.
 *
 * <p>Spin loops call {@link #spin()} once per empty iteration; it hints the CPU and checks only every 65,536 calls.
 */
public final class Watchdog
{
    private static final int CHECK_MASK = (1 << 16) - 1;
    private static final long DEAD_CHILD_GRACE_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long AWAIT_SLEEP_MS = 1;

    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final long timeoutNs;
    private final long deadlineNs;
    private long firstDeadChildSeenNs;
    private boolean deadChildSeen;
    private int spins;

    /**
     * @param timeoutNs how long the run may take from now.
     */
    public Watchdog(final long timeoutNs)
    {
        this.timeoutNs = timeoutNs;
        this.deadlineNs = System.nanoTime() + timeoutNs;
    }

    /**
     * @param child to watch from now on.
     */
    public void watch(final ChildProcess child)
    {
        children.add(child);
    }

    /**
     * @return milliseconds left until the deadline, at least 1.
     */
    public long remainingMs()
    {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }

    /**
     * One empty iteration of a busy-spin loop.
     *
     * @throws IllegalStateException if the run timed out or a child died.
     */
    public void spin()
    {
        Thread.onSpinWait();
        if ((++spins & CHECK_MASK) == 0)
        {
            check();
        }
    }

    /**
     * Waits, sleeping a millisecond between looks, until the condition holds; for set-up, not for measurement.
     *
     * @param what      describes the condition in the timeout message.
     * @param condition to wait for.
     * @throws IllegalStateException if the run timed out or a child died first.
     * @throws InterruptedException  if interrupted while sleeping.
     */
    public void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        while (!condition.getAsBoolean())
        {
            check(what);
            Thread.sleep(AWAIT_SLEEP_MS);
        }
    }

    /**
     * @throws IllegalStateException if the run timed out or a child has been dead for longer than the grace period.
     */
    public void check()
    {
        check("run to finish");
    }

    private void check(final String what)
    {
        final long nowNs = System.nanoTime();
        if (nowNs - deadlineNs > 0)
        {
            throw new IllegalStateException(
                "timed out waiting for " + what + ": timeoutMs=" + TimeUnit.NANOSECONDS.toMillis(timeoutNs));
        }

        for (final ChildProcess child : children)
        {
            if (!child.isAlive())
            {
                if (!deadChildSeen)
                {
                    deadChildSeen = true;
                    firstDeadChildSeenNs = nowNs;
                }
                else if (nowNs - firstDeadChildSeenNs > DEAD_CHILD_GRACE_NS)
                {
                    throw new IllegalStateException("child exited while waiting for " + what +
                        ": label=" + child.label() + ", exitCode=" + child.exitCode());
                }
            }
        }
    }
}
