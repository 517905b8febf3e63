package io.ringline.transport.aeron;

import io.ringline.BufferClaim;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A child JVM at one end of a channel: {@code pub URI COUNT [PACE]}, {@code sub URI COUNT} or
 * {@code sub-gaps URI COUNT}. A paced publisher sleeps 1 ms every PACE messages. Message
 * {@code i} has type {@code i % 7}, carries {@code i} in its first 8 bytes, and is {@link #length(long)} bytes long:
 * mostly small, every 97th longer than one MTU (fragmented), every 5th sent with {@code tryClaim} when it fits. The
 * subscriber checks all of it in order and prints {@code received COUNT}; {@code sub-gaps} accepts skipped messages
 * (never a repeated or reordered one), prints {@code progress} at a tenth of the count and
 * {@code received COUNT missing M} at the last message; the publisher prints
 * {@code sent COUNT backPressured N}.
 */
public final class AeronPeerMain
{
    private AeronPeerMain()
    {
    }

    /**
     * @param i message number.
     * @return its length.
     */
    static int length(final long i)
    {
        return i % 97 == 0 ? 5000 + (int)(i % 13) : 8 + (int)(i % 57);
    }

    /**
     * @param args role, URI, count.
     * @throws Exception on failure (the test sees the exit code and output).
     */
    public static void main(final String[] args) throws Exception
    {
        final String uri = args[1];
        final long count = Long.parseLong(args[2]);
        try (Ringline ringline = Ringline.connect())
        {
            if ("pub".equals(args[0]))
            {
                publish(ringline.addExclusivePublisher(uri), count, args.length > 3 ? Integer.parseInt(args[3]) : 0);
            }
            else
            {
                subscribe(ringline.addSubscriber(uri), count, "sub-gaps".equals(args[0]));
            }
        }
    }

    private static void publish(final Publisher publisher, final long count, final int pace)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
        final BufferClaim claim = new BufferClaim();
        long backPressured = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        for (long i = 0; i < count; i++)
        {
            if (pace > 0 && i % pace == 0)
            {
                sleepMs(1);
            }
            final int length = length(i);
            final int type = (int)(i % 7);
            final boolean useClaim = i % 5 == 0 && length <= publisher.maxPayloadLength();
            while (true)
            {
                final long result;
                if (useClaim)
                {
                    result = publisher.tryClaim(length, type, claim);
                    if (result >= 0)
                    {
                        claim.buffer().putLong(claim.offset(), i);
                        claim.commit();
                    }
                }
                else
                {
                    buffer.putLong(0, i);
                    result = publisher.offer(buffer, 0, length, type);
                }
                if (result >= 0)
                {
                    break;
                }
                if (result == Publisher.CLOSED || System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("offer of message " + i + " failed: " +
                        Publisher.resultName(result));
                }
                if (result == Publisher.BACK_PRESSURED)
                {
                    backPressured++;
                }
                Thread.onSpinWait();
            }
        }
        System.out.println("sent " + count + " backPressured " + backPressured);
        // linger until the subscriber has it all: Aeron keeps retransmitting only while the publication is open
        final long lingerEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (publisher.channel().startsWith("aeron:") && publisher.isConnected() && System.nanoTime() < lingerEnd)
        {
            sleepMs(10);
        }
    }

    private static void subscribe(final Subscriber subscriber, final long count, final boolean gapsAllowed)
    {
        System.out.println("ready");
        System.out.flush();
        final long[] next = {0, 0};
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (next[0] < count)
        {
            subscriber.receive((buffer, offset, length, header) ->
            {
                final long got = buffer.getLong(offset);
                final long i = gapsAllowed && got > next[0] ? got : next[0];
                if (got != i || length != length(i) || header.type() != (int)(i % 7))
                {
                    throw new IllegalStateException("message " + next[0] + ": got sequence=" + got + " length=" +
                        length + " type=" + header.type() + ", expected length=" + length(i) + " type=" + i % 7);
                }
                next[1] += i - next[0];
                if (gapsAllowed && i >= count / 10 && next[0] <= count / 10)
                {
                    System.out.println("progress");
                    System.out.flush();
                }
                next[0] = i + 1;
            }, 100, TimeUnit.MILLISECONDS.toNanos(100));
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out after " + next[0] + " of " + count);
            }
        }
        System.out.println("received " + count + (gapsAllowed ? " missing " + next[1] : ""));
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
