package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What is particular to POSIX message queues: priority order, queue names, the depth limit, attributes of an existing
 * queue, removal while open, the mqueue file system, and a claim whose commit waits for room. What they share with
 * System V queues is in {@link io.ringline.transport.QueueConformance}.
 */
@Timeout(60)
class MqTransportTest
{
    private final List<String> names = new ArrayList<>();
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private Ringline ringline;

    @BeforeEach
    void connect()
    {
        ringline = Ringline.connect();
    }

    @AfterEach
    void cleanUp()
    {
        ringline.close();
        names.forEach(name -> Native.libc().mq_unlink(name));
        for (final String name : names)
        {
            assertFalse(MqNames.exists(name), "left behind: " + name);
        }
    }

    private String channel(final String parameters)
    {
        final String name = MqNames.fresh();
        names.add(name);
        return "mq:" + name + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    private static long[] receiveAll(final Subscriber subscriber, final int count)
    {
        final long[] typesAndValues = new long[2 * count];
        final int[] received = {0};
        final long start = subscriber.position();
        final MessageHandler handler = (buffer, offset, length, header) ->
        {
            typesAndValues[2 * received[0]] = header.type();
            typesAndValues[2 * received[0] + 1] = buffer.getLong(offset);
            assertEquals(start + received[0] + 1, header.position(), "position counts messages");
            assertEquals(-1, header.publisherId());
            received[0]++;
        };
        while (received[0] < count)
        {
            assertTrue(subscriber.receive(handler, count - received[0], TimeUnit.SECONDS.toNanos(10)) > 0,
                "received " + received[0] + " of " + count);
        }
        return typesAndValues;
    }

    private void send(final Publisher publisher, final int type, final long value)
    {
        message.putLong(0, value);
        assertTrue(publisher.offer(message, 0, 8, type) > 0);
    }

    @Test
    void theHighestPriorityIsReceivedFirstThenTheOldest()
    {
        final String channel = channel("");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            send(publisher, 1, 100);
            send(publisher, 5, 500);
            send(publisher, 3, 300);
            send(publisher, 5, 501);
            assertEquals(4, publisher.position());
            assertArrayEquals(new long[] {5, 500, 5, 501, 3, 300, 1, 100}, receiveAll(subscriber, 4));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mq:orders                | must start with '/'",
        "mq:/orders/today         | no '/' after the first",
        "mq:/bad*name             | [A-Za-z0-9_.-]",
        "mq:/..                   | not only dots",
        "mq:/orders?depth=0       | depth=0",
    })
    void aBadUriIsRefusedNamingIt(final String uri, final String expected)
    {
        for (final boolean publisher : new boolean[] {true, false})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> open(uri, publisher));
            assertTrue(ex.getMessage().contains(uri) && ex.getMessage().contains(expected), ex.getMessage());
        }
        assertFalse(MqNames.exists("/orders"), "nothing was created");
    }

    @Test
    void aNameOfMoreThan200CharactersIsRefused()
    {
        final String uri = "mq:/" + "n".repeat(201);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ringline.addPublisher(uri));
        assertTrue(ex.getMessage().contains("length=201") && ex.getMessage().contains("1 to 200"), ex.getMessage());
        names.add("/" + "n".repeat(200));
        ringline.addPublisher("mq:/" + "n".repeat(200)).close();
    }

    private void open(final String uri, final boolean publisher)
    {
        if (publisher)
        {
            ringline.addPublisher(uri).close();
        }
        else
        {
            ringline.addSubscriber(uri).close();
        }
    }

    @Test
    void aDepthOverMsgMaxNamesBothValuesAndTheProcFile() throws Exception
    {
        final int msgMax = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/fs/mqueue/msg_max")).get(0));
        final String channel = channel("depth=" + (msgMax + 1));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ringline.addSubscriber(channel));
        assertTrue(ex.getMessage().contains("depth=" + (msgMax + 1)) &&
            ex.getMessage().contains("msg_max=" + msgMax) &&
            ex.getMessage().contains("/proc/sys/fs/mqueue/msg_max") && ex.getMessage().contains(channel),
            ex.getMessage());
    }

    @Test
    void theDefaultsAreTheKernelsDefaults()
    {
        final String name = MqNames.fresh();
        names.add(name);
        final int descriptor = Native.libc().mq_open(name, Native.O_RDONLY | Native.O_CREAT | Native.O_EXCL, 0600, 0L);
        assertTrue(descriptor >= 0, Native.describe(Native.errno()));
        Native.libc().mq_close(descriptor);
        try (Subscriber subscriber = ringline.addSubscriber("mq:" + name + "?create=false");
            Publisher publisher = ringline.addPublisher("mq:" + name))
        {
            final MqQueue queue = ((MqSubscriber)subscriber).queue();
            final MqLimits limits = MqLimits.read();
            assertEquals(limits.msgDefault(), queue.depth(), "depth: the kernel's default for a queue without " +
                "attributes, " + limits);
            assertEquals(limits.msgsizeDefault(), publisher.maxMessageLength(), limits.toString());
            assertFalse(queue.created());
        }
    }

    @Test
    void explicitAttributesAreKeptAndAnExistingQueueWithOthersIsRefusedNamingBoth()
    {
        final String channel = channel("depth=3&max-msg=128");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher sameAttributes = ringline.addPublisher(channel);
            Publisher noAttributes = ringline.addPublisher(channel.substring(0, channel.indexOf('?'))))
        {
            assertEquals(3, ((MqSubscriber)subscriber).queue().depth());
            assertEquals(128, sameAttributes.maxMessageLength());
            assertEquals(128, noAttributes.maxMessageLength());
            final String other = channel.replace("depth=3", "depth=4");
            final RinglineException ex = assertThrows(RinglineException.class, () -> ringline.addPublisher(other));
            assertTrue(ex.getMessage().contains("exists with depth=3 max-msg=128") &&
                ex.getMessage().contains("asks for depth=4 max-msg=128") && ex.getMessage().contains(other),
                ex.getMessage());
            final String longer = channel.replace("max-msg=128", "max-msg=256");
            final RinglineException longerEx = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber(longer));
            assertTrue(longerEx.getMessage().contains("max-msg=256"), longerEx.getMessage());
            for (int i = 0; i < 3; i++)
            {
                send(sameAttributes, 0, i);
            }
            assertEquals(Publisher.BACK_PRESSURED, noAttributes.offer(message, 0, 8, 0), "depth 3 is full");
        }
    }

    @Test
    void removeChannelUnlinksTheNameOnceWhileOpenQueuesWorkOn()
    {
        final String channel = channel("");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            assertTrue(ringline.removeChannel(channel));
            assertFalse(MqNames.exists(names.get(0)));
            assertFalse(ringline.removeChannel(channel), "already removed");
            send(publisher, 2, 42);
            assertArrayEquals(new long[] {2, 42}, receiveAll(subscriber, 1), "an unlinked queue lives on while open");
        }
    }

    @Test
    void theMqueueFileSystemListsAQueueUntilItIsRemoved() throws Exception
    {
        final Set<String> before = MqueueListing.list();
        assumeTrue(null != before, "the mqueue file system cannot be listed here (not mounted, not root)");
        final String channel = channel("");
        final String name = names.get(0);
        assertFalse(before.contains(name));
        ringline.addPublisher(channel).close();
        assertTrue(MqueueListing.list().contains(name), "listed once created");
        assertTrue(ringline.removeChannel(channel));
        assertFalse(MqueueListing.list().contains(name), "gone once removed");
    }

    @Test
    void aClaimIsSentOnCommitAndWaitsForRoomWhenTheQueueFilledMeanwhile() throws Exception
    {
        final String channel = channel("depth=1&max-msg=64");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            final io.ringline.BufferClaim claim = new io.ringline.BufferClaim();
            assertEquals(1, publisher.tryClaim(8, 9, claim));
            send(publisher, 1, 1); // fills the queue of depth 1
            assertEquals(Publisher.BACK_PRESSURED, publisher.tryClaim(8, 9, new io.ringline.BufferClaim()),
                "no claim on a full queue");
            claim.buffer().putLong(claim.offset(), 99);
            final CompletableFuture<Void> committer = CompletableFuture.runAsync(claim::commit);
            sleep(200);
            assertFalse(committer.isDone(), "commit waits for room");
            assertArrayEquals(new long[] {1, 1}, receiveAll(subscriber, 1));
            committer.get(10, TimeUnit.SECONDS);
            assertArrayEquals(new long[] {9, 99}, receiveAll(subscriber, 1));
            assertEquals(2, publisher.position());
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
