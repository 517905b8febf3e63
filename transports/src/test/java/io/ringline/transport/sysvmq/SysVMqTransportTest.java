package io.ringline.transport.sysvmq;

import io.ringline.os.Native;
import io.ringline.BufferClaim;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.transport.TransportConformance;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What is particular to System V message queues: the type carried as mtype + 1, selective receive by type across
 * processes, removal seen as CLOSED and end of stream, keys and types in the URI, a message longer than a
 * subscriber's max-msg. What they share with POSIX queues is in {@link io.ringline.transport.QueueConformance}.
 */
@Timeout(60)
class SysVMqTransportTest
{
    private final List<Integer> keys = new ArrayList<>();
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
        try (Ringline cleaner = Ringline.connect())
        {
            keys.forEach(key -> cleaner.removeChannel("sysvmq:" + key));
        }
        keys.forEach(key -> assertNull(SysVMqKeys.row(key), "left behind: key=" + key));
    }

    private String channel(final String parameters)
    {
        final int key = SysVMqKeys.fresh();
        keys.add(key);
        return "sysvmq:0x" + Integer.toHexString(key) + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    private void send(final Publisher publisher, final int type, final long value)
    {
        message.putLong(0, value);
        assertTrue(publisher.offer(message, 0, 8, type) > 0);
    }

    /**
     * @return type * 1000 + value of each message polled, until none is left.
     */
    private static List<Long> drain(final Subscriber subscriber)
    {
        final List<Long> received = new ArrayList<>();
        final MessageHandler handler = (b, o, l, h) -> received.add(h.type() * 1000L + b.getLong(o));
        while (subscriber.poll(handler, 10) > 0)
        {
            // more
        }
        return received;
    }

    @Test
    void typeTTravelsAsMtypeTPlusOne()
    {
        final String channel = channel("");
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            send(publisher, 0, 10);
            send(publisher, 41, 11);
            final int id = Native.libc().msgget(keys.get(0), 0);
            final UnsafeBuffer msgbuf = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            assertEquals(8, Native.libc().msgrcv(id, msgbuf.addressOffset(), 56, 42, Native.IPC_NOWAIT));
            assertEquals(42, msgbuf.getLong(0));
            assertEquals(11, msgbuf.getLong(8));
            assertEquals(8, Native.libc().msgrcv(id, msgbuf.addressOffset(), 56, 1, Native.IPC_NOWAIT));
            assertEquals(10, msgbuf.getLong(8));

            msgbuf.putLong(0, 8); // a foreign sender's mtype 8 is Ringline type 7
            msgbuf.putLong(8, 12);
            assertEquals(0, Native.libc().msgsnd(id, msgbuf.addressOffset(), 8, Native.IPC_NOWAIT));
            try (Subscriber subscriber = ringline.addSubscriber(channel))
            {
                assertEquals(List.of(7012L), drain(subscriber));
            }
        }
    }

    @Test
    void theLargestTypeSurvivesThePlusOne()
    {
        final String channel = channel("");
        try (Publisher publisher = ringline.addPublisher(channel))
        {
            send(publisher, Integer.MAX_VALUE, 1);
            try (Subscriber subscriber = ringline.addSubscriber(channel))
            {
                final int[] type = {0};
                assertEquals(1, subscriber.poll((b, o, l, h) -> type[0] = h.type(), 1));
                assertEquals(Integer.MAX_VALUE, type[0], "the largest type survives the + 1");
            }
        }
    }

    @Test
    void aSubscriberOfOneTypeLeavesTheOthersQueuedForAnotherReader() throws Exception
    {
        final String channel = channel("");
        final int key = keys.get(0);
        try (Subscriber onlyType2 = ringline.addSubscriber(channel + "?types=2");
            ChildProcess child = ChildProcess.startJvm(TransportConformance.ConformancePublisher.class, channel, "6", "1,2,3"))
        {
            assertEquals(0, child.awaitExitCode(30_000), child.output());
            // the child sent sequence 0..5 with types 1,2,3,1,2,3
            assertEquals(List.of(2001L, 2004L), drain(onlyType2));
            assertEquals(2, onlyType2.position());
            assertEquals(4, SysVMqKeys.queued(key), "types 1 and 3 stay in the queue");
            try (Subscriber anyType = ringline.addSubscriber(channel))
            {
                assertEquals(List.of(1000L, 3002L, 1003L, 3005L), drain(anyType), "in send order");
            }
            assertEquals(0, SysVMqKeys.queued(key));
        }
    }

    @Test
    void severalTypesAreReceivedLowestTypeFirstThenInSendOrder()
    {
        final String channel = channel("");
        try (Publisher publisher = ringline.addPublisher(channel);
            Subscriber range = ringline.addSubscriber(channel + "?types=1,0");
            Subscriber list = ringline.addSubscriber(channel + "?types=5,3"))
        {
            final int[] types = {5, 1, 3, 0, 5, 1, 4, 3, 0};
            for (int i = 0; i < types.length; i++)
            {
                send(publisher, types[i], i);
            }
            assertEquals(List.of(3L, 8L, 1001L, 1005L), drain(range), "types 0..1 with one msgrcv(-2)");
            assertEquals(List.of(3002L, 3007L, 5000L, 5004L), drain(list), "types 3 and 5, one msgrcv each");
            try (Subscriber any = ringline.addSubscriber(channel))
            {
                assertEquals(List.of(4006L), drain(any), "type 4 was left for others");
            }
        }
    }

    @Test
    void removingTheQueueClosesThePublisherAndEndsTheSubscribersStream()
    {
        final String channel = channel("");
        try (Subscriber subscriber = ringline.addSubscriber(channel);
            Publisher publisher = ringline.addPublisher(channel))
        {
            send(publisher, 1, 1);
            assertTrue(ringline.removeChannel(channel));
            assertFalse(ringline.removeChannel(channel), "already removed");
            assertEquals(Publisher.CLOSED, publisher.offer(message, 0, 8, 1));
            assertEquals(Publisher.CLOSED, publisher.tryClaim(8, 1, new BufferClaim()));
            assertFalse(publisher.isConnected());
            assertFalse(subscriber.isEndOfStream());
            assertEquals(0, subscriber.poll((b, o, l, h) -> fail("the removal discarded the message"), 10));
            assertTrue(subscriber.isEndOfStream());
            assertEquals(0, subscriber.receive((b, o, l, h) -> { }, 10, TimeUnit.SECONDS.toNanos(10)));
        }
    }

    @Test
    void aRemovalWhileAClaimWaitsForRoomEndsTheCommit() throws Exception
    {
        final String channel = channel("max-msg=8192");
        try (Publisher filler = ringline.addPublisher(channel);
            Publisher claimer = ringline.addPublisher(channel))
        {
            final BufferClaim claim = new BufferClaim();
            assertTrue(claimer.tryClaim(8192, 3, claim) > 0);
            while (filler.offer(message, 0, 8192, 0) > 0)
            {
                // fill the queue behind the claim's back
            }
            final CompletableFuture<Void> commit = CompletableFuture.runAsync(claim::commit);
            Thread.sleep(200);
            assertFalse(commit.isDone(), "commit waits for room");
            assertTrue(ringline.removeChannel(channel));
            commit.get(10, TimeUnit.SECONDS);
            assertEquals(Publisher.CLOSED, claimer.offer(message, 0, 8, 0));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sysvmq:0                       | key '0'",
        "sysvmq:0x0                     | key '0x0'",
        "sysvmq:0x100000000             | key '0x100000000'",
        "sysvmq:orders                  | key 'orders'",
        "sysvmq:-5                      | key '-5'",
        "sysvmq:0x524c0001?types=1,-2   | type=-2",
    })
    void aBadUriIsRefusedNamingIt(final String uri, final String expected)
    {
        keys.add(0x524c0001); // removed after the test should it have been created
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ringline.addSubscriber(uri));
        assertTrue(ex.getMessage().contains(uri) && ex.getMessage().contains(expected), ex.getMessage());
        assertNull(SysVMqKeys.row(0x524c0001), "nothing was created");
    }

    @Test
    void aMessageLongerThanTheSubscribersMaxMsgStaysQueued()
    {
        final String channel = channel("");
        try (Publisher publisher = ringline.addPublisher(channel);
            Subscriber small = ringline.addSubscriber(channel + "?max-msg=16");
            Subscriber large = ringline.addSubscriber(channel))
        {
            assertEquals(1, publisher.offer(message, 0, 17, 0));
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> small.poll((b, o, l, h) -> { }, 1));
            assertTrue(ex.getMessage().contains("max-msg=16"), ex.getMessage());
            final int[] length = {0};
            assertEquals(1, large.poll((b, o, l, h) -> length[0] = l, 1));
            assertEquals(17, length[0]);
        }
    }
}
