package io.ringline.crash;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A publisher process of the crash tests, killed with SIGKILL at a random moment by its parent.
 *
 * <p>Arguments: {@code channel publisherId incarnation exclusive|concurrent stallPercent}. It prints {@code READY}
 * once its publisher is open, then sends sequence 0, 1, 2, ... as fast as a small pause every few messages lets it
 * (half by {@code offer}, half by {@code tryClaim}/{@code commit}), and prints {@code A <seq>} at most every
 * millisecond, always after that sequence was committed. With {@code stallPercent}% chance it stops for good in the
 * middle of one claim, having written half of it, and prints {@code CLAIMED}: the parent's kill then lands mid-claim.
 */
public final class CrashPublisherMain
{
    private CrashPublisherMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final String channel = args[0];
        final int publisherId = Integer.parseInt(args[1]);
        final int incarnation = Integer.parseInt(args[2]);
        final boolean exclusive = "exclusive".equals(args[3]);
        final int stallPercent = Integer.parseInt(args[4]);
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final long stallAt = random.nextInt(100) < stallPercent ? random.nextLong(20_000) : -1;

        try (Ringline ringline = Ringline.connect(CrashChild.childContext()))
        {
            Publisher publisher = open(ringline, channel, exclusive);
            System.out.println("READY");
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(CrashMessage.MAX_LENGTH));
            final BufferClaim claim = new BufferClaim();
            long lastAckNs = 0;
            for (long sequence = 0; ; )
            {
                final int length = CrashMessage.length(sequence);
                if (sequence == stallAt)
                {
                    while (publisher.tryClaim(48, 0, claim) < 0)
                    {
                        Thread.yield();
                    }
                    CrashMessage.write(claim.buffer(), claim.offset(), publisherId, incarnation, sequence, 24);
                    System.out.println("CLAIMED");
                    Thread.sleep(Long.MAX_VALUE);
                }

                final long result;
                if (length <= publisher.maxPayloadLength() && (sequence & 1) == 0)
                {
                    result = publisher.tryClaim(length, 1, claim);
                    if (result > 0)
                    {
                        CrashMessage.write(claim.buffer(), claim.offset(), publisherId, incarnation, sequence, length);
                        claim.commit();
                    }
                }
                else
                {
                    CrashMessage.write(message, 0, publisherId, incarnation, sequence, length);
                    result = publisher.offer(message, 0, length, 1);
                }

                if (result > 0)
                {
                    final long nowNs = System.nanoTime();
                    if (nowNs - lastAckNs > TimeUnit.MILLISECONDS.toNanos(1))
                    {
                        System.out.println("A " + sequence);
                        lastAckNs = nowNs;
                    }
                    if ((++sequence & 31) == 0)
                    {
                        LockSupport.parkNanos(50_000); // leave the two CI cores to the others now and then
                    }
                }
                else if (result == Publisher.CLOSED)
                {
                    // Judged dead by a peer (its heartbeat went stale while this machine was overloaded): carry on
                    // under a new slot; the stream's sequence continues, so nothing is lost or repeated.
                    publisher.close();
                    publisher = open(ringline, channel, exclusive);
                }
                else
                {
                    Thread.yield();
                }
            }
        }
    }

    private static Publisher open(final Ringline ringline, final String channel, final boolean exclusive)
    {
        return exclusive ? ringline.addExclusivePublisher(channel) : ringline.addPublisher(channel);
    }
}
