package io.ringline.ring;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import java.nio.ByteBuffer;

import static org.openjdk.jcstress.annotations.Expect.*;

/**
 * The latency histogram's swap ({@link LatencyHistogramDescriptor}): the subscriber acknowledges and records three
 * values while a reader drains once, without waiting (a timeout of 0: the swap may be left pending). The arbiter
 * then plays the subscriber's next polls (an acknowledgement before each drain) and drains until the swap is done.
 * Every value is drained exactly once and the totals hold each once: no count lost, none counted twice, whatever
 * the interleaving.
 */
@JCStressTest
@Outcome(id = "3, 3", expect = ACCEPTABLE, desc = "Each value drained once, into the intervals and the totals.")
@Outcome(expect = FORBIDDEN, desc = "FORBIDDEN: r1 is the values drained into intervals, r2 those in the totals; " +
    "anything but 3 and 3 is a count lost or counted twice by the swap.")
@State
public class LatencySwapTest
{
    private final UnsafeBuffer region = new UnsafeBuffer(ByteBuffer.allocateDirect(LatencyHistogramDescriptor.LENGTH));
    private final LatencyRecorder recorder = new LatencyRecorder(region, 0, System::nanoTime);
    private final LatencyHistogramReader reader = new LatencyHistogramReader(region, 0);
    private final long[] interval = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
    private final long[] totals = new long[LatencyHistogramDescriptor.COUNTS_LENGTH];
    private long drained;

    public LatencySwapTest()
    {
        recorder.reset();
    }

    @Actor
    public void subscriber()
    {
        recorder.acknowledge();
        recorder.record(100);
        recorder.record(2_000);
        recorder.acknowledge();
        recorder.record(30_000);
    }

    @Actor
    public void reader()
    {
        drain();
    }

    @Arbiter
    public void arbiter(final JJ_Result r)
    {
        for (int i = 0; i < 3; i++)
        {
            recorder.acknowledge();
            drain();
        }
        r.r1 = drained;
        long inTotals = 0;
        for (final long count : totals)
        {
            inTotals += count;
        }
        r.r2 = inTotals;
    }

    private void drain()
    {
        reader.drain(interval, totals, 0);
        for (final long count : interval)
        {
            drained += count;
        }
    }
}
