package io.ringline.ring;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The ring across real processes, on every kind of shared memory: a child JVM publishes while the test subscribes,
 * two publisher processes feed two subscriber processes, and a killed subscriber stops holding publishers back.
 */
@Timeout(240)
class CrossProcessTest
{
    private final List<String> created = new ArrayList<>();
    private final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (final ChildProcess child : children)
        {
            child.close();
        }
        try (Ringline cleaner = Ringline.connect())
        {
            created.forEach(cleaner::removeChannel);
        }
    }

    private String channel(final TestChannels kind)
    {
        final String channel = kind.newChannel();
        created.add(channel);
        return with(channel, Traffic.CHANNEL_PARAMS);
    }

    private ChildProcess start(final Class<?> main, final String... args)
    {
        final ChildProcess child = ChildProcess.startJvm(main, args);
        children.add(child);
        return child;
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void aMillionMessagesFromAnotherProcessArriveAllInOrderAndIntact(final TestChannels kind) throws Exception
    {
        final String channel = channel(kind);
        final long count = 1_000_000;
        try (Ringline ringline = Ringline.connect();
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            final ChildProcess publisher = start(Traffic.PublishMain.class, channel, "0", Long.toString(count));
            final Traffic.Checker checker = new Traffic.Checker(1);
            final long deadline = System.currentTimeMillis() + 180_000;
            while (null == checker.failure && !checker.complete(count) && System.currentTimeMillis() < deadline)
            {
                if (subscriber.poll(checker, 256) == 0)
                {
                    Thread.yield();
                }
            }
            assertNull(checker.failure, checker.failure);
            assertEquals(count, checker.received, publisher.output());
            assertEquals(0, publisher.awaitExitCode(30_000), publisher.output());
            assertEquals(0, subscriber.poll(checker, 10), "nothing after the last message");
        }
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void twoPublisherProcessesReachTwoSubscriberProcessesInOrderPerPublisher(final TestChannels kind)
        throws Exception
    {
        final String channel = channel(kind);
        final String perPublisher = "200000";
        final ChildProcess firstSubscriber = start(Traffic.SubscribeMain.class, channel, "2", perPublisher);
        final ChildProcess secondSubscriber = start(Traffic.SubscribeMain.class, channel, "2", perPublisher);
        firstSubscriber.awaitLine("READY", 30_000);
        secondSubscriber.awaitLine("READY", 30_000);

        final ChildProcess firstPublisher = start(Traffic.PublishMain.class, channel, "0", perPublisher);
        final ChildProcess secondPublisher = start(Traffic.PublishMain.class, channel, "1", perPublisher);

        assertEquals(0, firstSubscriber.awaitExitCode(180_000), firstSubscriber.output());
        assertEquals(0, secondSubscriber.awaitExitCode(180_000), secondSubscriber.output());
        assertTrue(firstSubscriber.output().contains("OK 400000"), firstSubscriber.output());
        assertTrue(secondSubscriber.output().contains("OK 400000"), secondSubscriber.output());
        assertEquals(0, firstPublisher.awaitExitCode(30_000), firstPublisher.output());
        assertEquals(0, secondPublisher.awaitExitCode(30_000), secondPublisher.output());
    }

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void aKilledSubscriberStopsHoldingThePublisherBack(final TestChannels kind) throws Exception
    {
        final String channel = channel(kind);
        final ChildProcess stuck = start(Traffic.IdleSubscribeMain.class, channel);
        stuck.awaitLine("READY", 30_000);

        try (Ringline ringline = Ringline.connect();
            Publisher publisher = ringline.addPublisher(channel))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            long result;
            while ((result = publisher.offer(message, 0, 64)) >= 0)
            {
                // fill the ring: the child never reads
            }
            assertEquals(Publisher.BACK_PRESSURED, result, Publisher.resultName(result));

            stuck.kill();

            // Watchdog, not a stopwatch: the conductor notices the dead pid within a heartbeat interval or so.
            final long deadline = System.currentTimeMillis() + 30_000;
            while (result == Publisher.BACK_PRESSURED && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(5);
                result = publisher.offer(message, 0, 64);
            }
            assertEquals(Publisher.NOT_CONNECTED, result,
                "with its only subscriber dead the publisher is no longer held back: " +
                Publisher.resultName(result));
        }
    }
}
