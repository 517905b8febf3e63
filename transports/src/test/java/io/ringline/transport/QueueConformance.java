package io.ringline.transport;

import io.ringline.BufferClaim;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.transport.mq.NobodyJvm;
import io.ringline.transport.mq.QueueChild;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the message-queue transports (POSIX mq, System V) share on top of the {@link TransportConformance} contract,
 * run once per queue by a subclass that says how to find a queue and what the kernel calls its limits: a work queue
 * (each message to one reader, in this process or another), a bounded depth that refuses offers and claims when full,
 * the message types it refuses, the URI errors and the kernel's max-msg limit, the mode ({@code perm}, owner-only by
 * default, whatever the umask) and another user kept out by it, create and unlink, a timed receive, a close from
 * another thread, and a hot path that allocates nothing.
 */
public abstract class QueueConformance extends TransportConformance
{
    /**
     * @param channel a channel URI of {@link #newChannel()}, with or without parameters.
     * @return true when its queue exists.
     */
    protected abstract boolean exists(String channel);

    /**
     * @param channel    a channel URI of {@link #newChannel()}.
     * @param subscriber open on it.
     * @return the queue's permission bits in octal, e.g. {@code 600}.
     */
    protected abstract String mode(String channel, Subscriber subscriber);

    /**
     * @return the kernel setting that bounds max-msg, as its file under /proc/sys, e.g. {@code msgmax}.
     */
    protected abstract Path maxMsgLimitFile();

    /**
     * @return parameters of a queue that holds few messages of 64 bytes, e.g. {@code depth=4&max-msg=64}.
     */
    protected abstract String boundedQueueParameters();

    /**
     * @return how many messages of 64 bytes a queue of {@link #boundedQueueParameters()} holds.
     */
    protected abstract int boundedQueueCapacity();

    /**
     * @return message types the transport refuses.
     */
    protected abstract int[] refusedTypes();

    /**
     * @return what the refusal of a type says the rule is, e.g. {@code [0, 32767]}.
     */
    protected abstract String typeRule();

    private String channel(final String parameters)
    {
        return channel() + "?" + parameters;
    }

    private void send(final Publisher publisher, final int type, final long value)
    {
        message.putLong(0, value);
        assertTrue(publisher.offer(message, 0, 8, type) > 0, "sent " + value);
    }

    @Test
    void eachMessageGoesToOneReader()
    {
        final String channel = channel();
        try (Subscriber first = ringline.addSubscriber(channel);
            Subscriber second = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final List<Long> seen = new ArrayList<>();
            final MessageHandler handler = (b, o, l, h) -> seen.add(b.getLong(o));
            for (long i = 0; i < 100; i++)
            {
                send(publisher, types()[0], i);
                assertEquals(1, (i % 2 == 0 ? first : second).poll(handler, 1));
            }
            assertEquals(0, first.poll(handler, 10) + second.poll(handler, 10));
            for (int i = 0; i < 100; i++)
            {
                assertEquals(i, seen.get(i));
            }
            assertEquals(50, first.position());
            assertEquals(50, second.position());
        }
    }

    @Test
    void aReaderInAnotherProcessTakesTheMessageFromEveryoneElse() throws Exception
    {
        final String channel = channel();
        try (Subscriber here = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            send(publisher, types()[0], 77);
            try (ChildProcess child = ChildProcess.startJvm(QueueChild.class, "receive", channel))
            {
                assertEquals(0, child.awaitExitCode(30_000), child.output());
                assertTrue(child.output().contains("RECEIVED " + types()[0] + " 77"), child.output());
            }
            assertEquals(0, here.poll((b, o, l, h) -> fail("the child took it"), 1));
        }
    }

    @Test
    void aFullQueueRefusesOffersAndClaimsUntilAReaderMakesRoom()
    {
        final String channel = channel(boundedQueueParameters());
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            int accepted = 0;
            while (publisher.offer(message, 0, 64, types()[0]) > 0)
            {
                accepted++;
                assertTrue(accepted <= boundedQueueCapacity(), "never full");
            }
            assertEquals(boundedQueueCapacity(), accepted);
            assertEquals(accepted, publisher.position());
            assertEquals(Publisher.BACK_PRESSURED, publisher.offer(message, 0, 64, types()[0]));
            assertEquals(Publisher.BACK_PRESSURED, publisher.tryClaim(64, types()[0], new BufferClaim()));
            assertEquals(1, subscriber.poll((b, o, l, h) -> { }, 1));
            assertTrue(publisher.offer(message, 0, 64, types()[0]) > 0, "room again");
        }
    }

    @Test
    void aTypeTheQueueCannotCarryIsRefusedNamingIt()
    {
        final String channel = channel();
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            for (final int type : refusedTypes())
            {
                final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> publisher.offer(message, 0, 8, type));
                assertTrue(ex.getMessage().contains("type=" + type) && ex.getMessage().contains(typeRule()) &&
                    ex.getMessage().contains(channel), ex.getMessage());
                assertThrows(IllegalArgumentException.class, () -> publisher.tryClaim(8, type, new BufferClaim()));
            }
            assertEquals(0, publisher.position(), "nothing was sent");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "colour=red        | unknown parameter 'colour'",
        "perm=400          | perm=400",
        "perm=6x0          | perm=6x0",
        "perm=4600         | perm=4600",
        "max-msg=0         | max-msg=0",
        "create=maybe      | create=maybe",
        "unlink=sometimes  | unlink=sometimes",
    })
    void aBadParameterIsRefusedNamingItAndCreatesNothing(final String parameter, final String expected)
    {
        final String channel = channel(parameter);
        for (final boolean publisher : new boolean[] {true, false})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> (publisher ? ringline.addPublisher(channel) : ringline.addSubscriber(channel)).close());
            assertTrue(ex.getMessage().contains(channel) && ex.getMessage().contains(expected), ex.getMessage());
        }
        assertFalse(exists(channel), "nothing was created");
    }

    @Test
    void aMaxMsgOverTheKernelLimitNamesBothValuesAndTheProcFile() throws Exception
    {
        final Path file = maxMsgLimitFile();
        final int limit = Integer.parseInt(Files.readAllLines(file).get(0).trim());
        final String channel = channel("max-msg=" + (limit + 1));
        for (final boolean publisher : new boolean[] {true, false})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> (publisher ? ringline.addPublisher(channel) : ringline.addSubscriber(channel)).close());
            assertTrue(ex.getMessage().contains("max-msg=" + (limit + 1)) &&
                ex.getMessage().contains(file.getFileName() + "=" + limit) &&
                ex.getMessage().contains(file.toString()) && ex.getMessage().contains(channel), ex.getMessage());
        }
        assertFalse(exists(channel), "nothing was created");
    }

    @Test
    void theModeIsOwnerOnlyByDefaultAndThePermAskedForWhateverTheUmask()
    {
        final String ownerOnly = channel();
        try (Subscriber subscriber = ringline.addSubscriber(ownerOnly))
        {
            assertEquals("600", mode(ownerOnly, subscriber));
        }
        final String everyone = channel("perm=666");
        try (Subscriber subscriber = ringline.addSubscriber(everyone))
        {
            assertEquals("666", mode(everyone, subscriber), "a umask of 022 would have made it 644");
        }
    }

    @Test
    void createFalseRefusesAMissingQueue()
    {
        final String channel = channel("create=false");
        for (final boolean publisher : new boolean[] {true, false})
        {
            final RinglineException ex = assertThrows(RinglineException.class,
                () -> (publisher ? ringline.addPublisher(channel) : ringline.addSubscriber(channel)).close());
            assertTrue(ex.getMessage().contains("does not exist (create=false)") && ex.getMessage().contains(channel),
                ex.getMessage());
        }
        assertFalse(exists(channel));
    }

    @Test
    void theCreatorRemovesTheQueueOnCloseOnlyWhenAsked()
    {
        final String kept = channel();
        ringline.addSubscriber(kept).close();
        assertTrue(exists(kept), "unlink defaults to false");

        final String removed = channel("unlink=true");
        final Subscriber creator = ringline.addSubscriber(removed);
        ringline.addPublisher(removed).close();
        assertTrue(exists(removed), "only the creator removes");
        creator.close();
        assertFalse(exists(removed), "the creator removed it on close");
    }

    @Test
    void aReceiveOnAnEmptyQueueWaitsItsTimeoutThenReturnsZero()
    {
        try (Subscriber subscriber = ringline.addSubscriber(channel()))
        {
            final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(250);
            final long start = System.nanoTime();
            assertEquals(0, subscriber.receive((b, o, l, h) -> fail("nothing was sent"), 10, timeoutNs));
            assertTrue(System.nanoTime() - start >= timeoutNs, "returned before the timeout");
        }
    }

    @Test
    void aWaitingReceiveReturnsTheMessageSentFromAnotherThread() throws Exception
    {
        final String channel = channel();
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final int type = types()[types().length - 1];
            final CompletableFuture<Void> sender = CompletableFuture.runAsync(() ->
            {
                sleep(300);
                send(publisher, type, 44);
            });
            final long[] value = {0};
            assertEquals(1, subscriber.receive((b, o, l, h) -> value[0] = b.getLong(o) + 1000L * h.type(), 10,
                TimeUnit.SECONDS.toNanos(30)));
            assertEquals(1000L * type + 44, value[0]);
            sender.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCloseFromAnotherThreadEndsAWaitingReceive() throws Exception
    {
        final Subscriber subscriber = ringline.addSubscriber(channel());
        final CompletableFuture<Integer> receiver = CompletableFuture.supplyAsync(
            () -> subscriber.receive((b, o, l, h) -> fail("nothing was sent"), 10));
        sleep(200);
        assertFalse(receiver.isDone(), "receive waits");
        subscriber.close();
        assertEquals(0, receiver.get(10, TimeUnit.SECONDS));
        assertTrue(subscriber.isClosed());
        assertThrows(IllegalStateException.class, () -> subscriber.poll((b, o, l, h) -> { }, 1));
    }

    @Test
    void anotherUserIsRefusedByPerm600AndLetInByPerm606() throws Exception
    {
        final String reason = NobodyJvm.unavailableReason();
        assumeTrue(null == reason, reason);
        final String ownerOnly = channel("perm=600");
        try (Subscriber subscriber = ringline.addSubscriber(ownerOnly))
        {
            final String output = NobodyJvm.run(QueueChild.class, 60_000, "publish", ownerOnly, "3", "33");
            assertTrue(output.contains("REFUSED channel=" + ownerOnly) &&
                output.contains("could not be opened for writing: Permission denied"), output);
            assertEquals(0, subscriber.poll((b, o, l, h) -> fail("nobody sent nothing"), 1));
        }

        final String othersToo = channel("perm=606");
        try (Subscriber subscriber = ringline.addSubscriber(othersToo))
        {
            assertEquals("606", mode(othersToo, subscriber));
            final String untrusted = NobodyJvm.run(QueueChild.class, 60_000, "publish", othersToo, "3", "33");
            assertTrue(untrusted.contains("REFUSED channel=" + othersToo) &&
                untrusted.contains("is owned by uid=0") && untrusted.contains("any-owner=true"), untrusted);
            final String output = NobodyJvm.run(QueueChild.class, 60_000, "publish", othersToo + "&any-owner=true",
                "3", "33");
            assertTrue(output.contains("SENT"), output);
            final long[] received = {0};
            assertEquals(1, subscriber.receive((b, o, l, h) -> received[0] = 100 * h.type() + b.getLong(o), 1,
                TimeUnit.SECONDS.toNanos(10)), output);
            assertEquals(333, received[0]);
        }
    }

    @Test
    void offerClaimCommitAndPollAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final String channel = channel("max-msg=64&unlink=true");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final int messages = 100_000;
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final UnsafeBuffer heap = new UnsafeBuffer(new byte[64]);
            final BufferClaim claim = new BufferClaim();
            final CountingHandler handler = new CountingHandler();

            exchange(publisher, subscriber, direct, heap, claim, handler, messages / 2);
            exchange(publisher, subscriber, direct, heap, claim, handler, messages / 2);

            final long before = threads.getCurrentThreadAllocatedBytes();
            exchange(publisher, subscriber, direct, heap, claim, handler, messages);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertEquals(3L * 2 * messages, handler.count, "every message was delivered");
            assertEquals(0, allocated, "bytes allocated across " + 3 * messages + " sends and their polls");
        }
        assertFalse(exists(channel), "the creator removed the queue");
    }

    private static final class CountingHandler implements MessageHandler
    {
        long sum;
        long count;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            sum += buffer.getLong(offset) + header.type() + header.position();
            count++;
        }
    }

    private static void exchange(final Publisher publisher, final Subscriber subscriber, final UnsafeBuffer direct,
        final UnsafeBuffer heap, final BufferClaim claim, final CountingHandler handler, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            direct.putLong(0, i);
            while (publisher.offer(direct, 0, 32, 1) < 0)
            {
                subscriber.poll(handler, 16);
            }
            heap.putLong(0, i);
            while (publisher.offer(heap, 0, 16, 2) < 0)
            {
                subscriber.poll(handler, 16);
            }
            while (publisher.tryClaim(8, 3, claim) < 0)
            {
                subscriber.poll(handler, 16);
            }
            claim.buffer().putLong(claim.offset(), i);
            claim.commit();
            subscriber.poll(handler, 2);
        }
        while (subscriber.poll(handler, 16) > 0)
        {
            // drain
        }
    }

    private static void sleep(final long ms)
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
