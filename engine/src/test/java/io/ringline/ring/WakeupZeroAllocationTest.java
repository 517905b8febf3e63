package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.memory.MappedFileMemory;
import io.ringline.test.TestChannels;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The wake path allocates nothing, on either side, in every blocking wait mode: a subscriber thread that goes to sleep
 * in {@code receive} for every message (alternately without a timeout and with one), and a publisher that offers
 * each message only once the subscriber has counted itself as a sleeper (and a little later, so that it is inside the
 * kernel's wait), so that every offer takes the waking path. Each thread measures its own allocated bytes
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}) over several windows after warm-up; a path
 * that allocates per sleep or per wake shows in every window, a one-off of the JVM's own (compilation,
 * deoptimisation) only in some, so the quietest window of each side must be zero. The wake sequence, which the
 * publisher signals each time it finds a sleeper (and the conductor's safety net now and then), proves that every
 * message was a wake-up.
 */
@Timeout(180)
class WakeupZeroAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int WINDOWS = 3;
    private static final int MEASURED = 5_000;
    private static final long PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(10);

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static final class LastSequence implements MessageHandler
    {
        volatile long received;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            received = buffer.getLong(offset) + 1;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"futex", "posixsem", "sysvsem"})
    void aSleepingSubscriberAndThePublisherThatWakesItAllocateNothing(final String mode) throws Exception
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        final String channel = TestChannels.SHM.newChannel();
        final Path file = RingTransportProvider.path(ChannelUri.parse(channel), "/dev/shm");
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(with(channel, "capacity=64k&wait=" + mode));
            Publisher publisher = ringline.addExclusivePublisher(channel);
            MappedFileMemory memory = MappedFileMemory.open(file))
        {
            final AtomicBuffer header = memory.buffer();
            final int sequenceBefore = header.getIntVolatile(RingDescriptor.WAKE_SEQUENCE_OFFSET);
            final LastSequence handler = new LastSequence();
            final long[] sleeperWindows = new long[WINDOWS];
            final String[] sleeperFailure = new String[1];
            final Thread sleeper = new Thread(() ->
            {
                try
                {
                    receive(subscriber, handler, 0, WARM_UP);
                    for (int window = 0; window < WINDOWS; window++)
                    {
                        final long before = THREADS.getCurrentThreadAllocatedBytes();
                        receive(subscriber, handler, WARM_UP + window * MEASURED, MEASURED);
                        sleeperWindows[window] = THREADS.getCurrentThreadAllocatedBytes() - before;
                    }
                }
                catch (final Throwable ex)
                {
                    sleeperFailure[0] = ex.toString();
                }
            }, "sleeper-" + mode);
            sleeper.start();

            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
            final long[] wakerWindows = new long[WINDOWS];
            publish(publisher, message, header, handler, 0, WARM_UP);
            for (int window = 0; window < WINDOWS; window++)
            {
                final long before = THREADS.getCurrentThreadAllocatedBytes();
                publish(publisher, message, header, handler, WARM_UP + window * MEASURED, MEASURED);
                wakerWindows[window] = THREADS.getCurrentThreadAllocatedBytes() - before;
            }
            sleeper.join(TimeUnit.SECONDS.toMillis(30));

            final int messages = WARM_UP + WINDOWS * MEASURED;
            assertNull(sleeperFailure[0], "the sleeping subscriber failed");
            assertEquals(messages, handler.received, "every message was received");
            final int wakes = header.getIntVolatile(RingDescriptor.WAKE_SEQUENCE_OFFSET) - sequenceBefore;
            assertTrue(wakes >= messages, "every message found the subscriber asleep and woke it (the conductor's " +
                "safety net may add a few): messages=" + messages + " wakes=" + wakes);
            assertEquals(0, Arrays.stream(sleeperWindows).min().orElseThrow(), mode + ": bytes the subscriber " +
                "allocated per window of " + MEASURED + " sleeps: " + Arrays.toString(sleeperWindows));
            assertEquals(0, Arrays.stream(wakerWindows).min().orElseThrow(), mode + ": bytes the publisher " +
                "allocated per window of " + MEASURED + " wake-ups: " + Arrays.toString(wakerWindows));
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel);
            }
        }
    }

    private static void receive(
        final Subscriber subscriber, final LastSequence handler, final long first, final int count)
    {
        for (long expected = first + 1; expected <= first + count; expected++)
        {
            final int received = (expected & 1) == 0 ?
                subscriber.receive(handler, 1) : subscriber.receive(handler, 1, STALL_NS);
            if (received != 1 || handler.received != expected)
            {
                throw new IllegalStateException("receive=" + received + " last=" + handler.received +
                    " expected=" + expected);
            }
        }
    }

    // Offers each message once the subscriber has the one before and has counted itself as a sleeper again.
    private static void publish(
        final Publisher publisher,
        final UnsafeBuffer message,
        final AtomicBuffer header,
        final LastSequence handler,
        final long first,
        final int count)
    {
        for (long sequence = first; sequence < first + count; sequence++)
        {
            final long deadlineNs = System.nanoTime() + STALL_NS;
            while (handler.received != sequence || header.getIntVolatile(RingDescriptor.SLEEPERS_OFFSET) == 0)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("the subscriber did not go to sleep for message=" + sequence +
                        " (received=" + handler.received + ")");
                }
                Thread.onSpinWait();
            }
            final long asleepNs = System.nanoTime() + PAUSE_NS;
            while (System.nanoTime() - asleepNs < 0)
            {
                Thread.onSpinWait();
            }
            message.putLong(0, sequence);
            if (publisher.offer(message, 0, 8) < 0)
            {
                throw new IllegalStateException("offer refused for message=" + sequence);
            }
        }
    }
}
