package io.ringline.crash;

import io.ringline.MessageHandler;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One crash run, shared by the crash tests and the soak benchmark: publisher (and optionally subscriber) child
 * processes on one channel, killed with SIGKILL at random moments and restarted as new incarnations, while a
 * reference subscriber in this process, there from the start, checks every stream with a {@link CrashChecker}. It ends
 * by killing the last children, waiting (bounded) until every acknowledged message has been delivered, and failing
 * with an {@link AssertionError} if anything was lost, duplicated, reordered or corrupt. Nothing of JUnit in it.
 */
public final class CrashRig
{
    /** System property: SIGKILLs across the default crash suite (the tests share them out). */
    public static final String KILLS_PROP_NAME = "ringline.crash.kills";
    /** Default kills across the suite. */
    public static final int KILLS_DEFAULT = 200;
    /** Kills across the suite, from the property. */
    public static final int KILLS = Integer.getInteger(KILLS_PROP_NAME, KILLS_DEFAULT);

    private static final long STARTUP_TIMEOUT_MS = 60_000;
    private static final long CATCH_UP_TIMEOUT_MS = 60_000;

    private final String channel;
    private final boolean exclusive;
    private final int stallPercent;
    private final ChildProcess[] publishers;
    private final int[] incarnations;
    private final List<ChildProcess> subscribers = new ArrayList<>();
    private final int subscriberCount;
    private final CrashChecker checker = new CrashChecker(true);
    private final ThreadLocalRandom random = ThreadLocalRandom.current();
    private volatile boolean running = true;
    private volatile Throwable readerFailure;
    private volatile long lastDeliveryNs;
    private volatile long worstStallNs;
    private volatile long midClaimKillNs;
    private volatile long worstUnblockNs;
    private int maxKillDelayMs = 300;
    private long sent;
    int publisherKills;
    int subscriberKills;
    int midClaimKills;
    int earlyKills;
    int evictedSubscribers;
    long childSubscriberDeliveries;

    /**
     * @param channel      the channel URI, created by the reference subscriber.
     * @param publishers   publisher processes running at any time.
     * @param exclusive    open them as exclusive publishers (then there should be one).
     * @param stallPercent chance that a publisher incarnation stops for good in the middle of a claim.
     * @param subscribers  subscriber processes running at any time, besides the reference subscriber.
     */
    public CrashRig(final String channel, final int publishers, final boolean exclusive, final int stallPercent,
        final int subscribers)
    {
        this.channel = channel;
        this.exclusive = exclusive;
        this.stallPercent = stallPercent;
        this.publishers = new ChildProcess[publishers];
        this.incarnations = new int[publishers];
        this.subscriberCount = subscribers;
    }

    /**
     * The reference subscriber's context: a claim whose publisher died is skipped after 600 ms.
     *
     * @return a new context.
     */
    public static Ringline.Context testContext()
    {
        return new Ringline.Context().heartbeatIntervalMs(10).livenessTimeoutMs(500).unblockTimeoutMs(600);
    }

    /**
     * @param maxKillDelayMs the longest random wait before each kill.
     * @return this.
     */
    public CrashRig maxKillDelayMs(final int maxKillDelayMs)
    {
        this.maxKillDelayMs = maxKillDelayMs;
        return this;
    }

    /**
     * Kills a given number of publishers and subscribers, in random order, then checks.
     *
     * @param publisherKills  kills of publishers (the last children's kills come on top).
     * @param subscriberKills kills of subscriber children.
     * @return the checker, clean.
     * @throws Exception when a child cannot be started or waited for.
     */
    public CrashChecker runKills(final int publisherKills, final int subscriberKills) throws Exception
    {
        return run(Long.MAX_VALUE, publisherKills, subscriberKills, 0, line -> { });
    }

    /**
     * Kills publishers and subscribers at random for a while, reporting as it goes, then checks.
     *
     * @param durationMs       how long to kill.
     * @param reportIntervalMs how often to report.
     * @param reporter         receives one line per report.
     * @return the checker, clean.
     * @throws Exception when a child cannot be started or waited for.
     */
    public CrashChecker runFor(final long durationMs, final long reportIntervalMs, final Consumer<String> reporter)
        throws Exception
    {
        return run(durationMs, Integer.MAX_VALUE, Integer.MAX_VALUE, reportIntervalMs, reporter);
    }

    private CrashChecker run(
        final long durationMs,
        final int targetPublisherKills,
        final int targetSubscriberKills,
        final long reportIntervalMs,
        final Consumer<String> reporter) throws Exception
    {
        final long startMs = System.currentTimeMillis();
        try (Ringline ringline = Ringline.connect(testContext());
            Subscriber subscriber = ringline.addSubscriber(channel))
        {
            final Thread reader = new Thread(() -> read(subscriber), "crash-reference-subscriber");
            reader.start();
            try
            {
                for (int p = 0; p < publishers.length; p++)
                {
                    publishers[p] = startPublisher(p);
                }
                for (int s = 0; s < subscriberCount; s++)
                {
                    subscribers.add(ChildProcess.startJvm(CrashSubscriberMain.class, channel));
                }

                long nextReportMs = startMs + reportIntervalMs;
                while ((publisherKills < targetPublisherKills || subscriberKills < targetSubscriberKills) &&
                    System.currentTimeMillis() - startMs < durationMs)
                {
                    final long publishersLeft = Math.min(targetPublisherKills - publisherKills, publishers.length);
                    final long subscribersLeft =
                        Math.min(targetSubscriberKills - subscriberKills, subscriberCount);
                    if (random.nextLong(publishersLeft + subscribersLeft) < subscribersLeft)
                    {
                        final int victim = random.nextInt(subscriberCount);
                        subscribers.set(victim, killSubscriber(subscribers.get(victim), true));
                    }
                    else
                    {
                        killPublisher(random.nextInt(publishers.length), true);
                    }
                    check(null == readerFailure, "the reference subscriber failed: " + readerFailure);
                    if (reportIntervalMs > 0 && System.currentTimeMillis() >= nextReportMs)
                    {
                        reporter.accept(progress(startMs));
                        nextReportMs += reportIntervalMs;
                    }
                }

                for (int p = 0; p < publishers.length; p++)
                {
                    killPublisher(p, false);
                }
                for (final ChildProcess child : subscribers)
                {
                    killSubscriber(child, false);
                }

                final long deadline = System.currentTimeMillis() + CATCH_UP_TIMEOUT_MS;
                while (!checker.hasCaughtUp() && System.currentTimeMillis() < deadline && null == readerFailure)
                {
                    Thread.sleep(10);
                }
            }
            finally
            {
                running = false;
                reader.join(10_000);
                closeAll();
            }
            reporter.accept(progress(startMs));
            check(null == readerFailure, "the reference subscriber failed: " + readerFailure);
            check(checker.hasCaughtUp(), "not every acknowledged message arrived within " + CATCH_UP_TIMEOUT_MS +
                " ms: " + summary());
            check(checker.isClean(), summary());
            check(checker.delivered() > 0, summary());
            return checker;
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel.contains("?") ? channel.substring(0, channel.indexOf('?')) : channel);
            }
        }
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new AssertionError(message);
        }
    }

    private void closeAll() throws Exception
    {
        for (final ChildProcess child : publishers)
        {
            if (null != child)
            {
                child.close();
            }
        }
        for (final ChildProcess child : subscribers)
        {
            if (null != child)
            {
                child.close();
            }
        }
    }

    /**
     * @return kills so far and what the checker counted.
     */
    public String summary()
    {
        return "publisherKills=" + publisherKills + " (midClaim=" + midClaimKills + ", early=" + earlyKills + ")" +
            " subscriberKills=" + subscriberKills + " evictedSubscribers=" + evictedSubscribers +
            " sent=" + sent + " childSubscriberDeliveries=" + childSubscriberDeliveries +
            " worstStallMs=" + TimeUnit.NANOSECONDS.toMillis(worstStallNs) +
            " worstMidClaimKillToDeliveryMs=" + TimeUnit.NANOSECONDS.toMillis(worstUnblockNs) + " " + checker.report();
    }

    private String progress(final long startMs)
    {
        return "t=" + (System.currentTimeMillis() - startMs) / 1000 + "s " + summary();
    }

    private void read(final Subscriber subscriber)
    {
        final MessageHandler checking = CrashChild.checkingHandler(checker);
        final MessageHandler handler = (buffer, offset, length, header) ->
        {
            final long nowNs = System.nanoTime();
            if (0 != lastDeliveryNs) // from the first message on: the children's start is not a stall
            {
                worstStallNs = Math.max(worstStallNs, nowNs - lastDeliveryNs);
            }
            lastDeliveryNs = nowNs;
            final long killNs = midClaimKillNs;
            if (0 != killNs)
            {
                worstUnblockNs = Math.max(worstUnblockNs, nowNs - killNs);
                midClaimKillNs = 0;
            }
            checking.onMessage(buffer, offset, length, header);
        };
        try
        {
            while (running)
            {
                subscriber.receive(handler, 256, TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        catch (final Throwable ex)
        {
            readerFailure = ex;
        }
    }

    private ChildProcess startPublisher(final int publisher)
    {
        return ChildProcess.startJvm(CrashPublisherMain.class, channel, Integer.toString(publisher),
            Integer.toString(incarnations[publisher]), exclusive ? "exclusive" : "concurrent",
            Integer.toString(stallPercent));
    }

    /**
     * Kills a publisher at a random moment: usually after it is ready, sometimes without waiting for that.
     */
    private void killPublisher(final int publisher, final boolean restart) throws Exception
    {
        final ChildProcess child = publishers[publisher];
        final boolean early = restart && random.nextInt(10) == 0;
        if (!early)
        {
            child.awaitLine("READY", STARTUP_TIMEOUT_MS);
        }
        Thread.sleep(random.nextInt(early ? 2 * maxKillDelayMs : maxKillDelayMs));
        check(child.process().isAlive(), "publisher " + publisher + "/" + incarnations[publisher] +
            " exited by itself:\n" + child.output());
        final long killNs = System.nanoTime();
        child.kill();
        publisherKills++;
        earlyKills += early ? 1 : 0;

        final String output = child.output();
        if (output.lines().anyMatch("CLAIMED"::equals))
        {
            midClaimKills++;
            midClaimKillNs = killNs; // the reference subscriber is held at its claim: how long until it moves on?
        }
        final long acknowledged = CrashChild.lastAcknowledged(output);
        if (acknowledged >= 0)
        {
            checker.acknowledged(publisher, incarnations[publisher], acknowledged);
            sent += acknowledged + 1;
        }
        child.close();
        publishers[publisher] = null;
        if (restart)
        {
            incarnations[publisher]++;
            publishers[publisher] = startPublisher(publisher);
        }
    }

    private ChildProcess killSubscriber(final ChildProcess child, final boolean restart) throws Exception
    {
        if (random.nextInt(10) != 0)
        {
            child.awaitLine("READY", STARTUP_TIMEOUT_MS);
        }
        Thread.sleep(random.nextInt(maxKillDelayMs + 100));
        final boolean alive = child.process().isAlive();
        child.kill();
        final String output = child.output();
        if (alive)
        {
            subscriberKills++;
        }
        else
        {
            // Judged dead while starved of CPU for longer than the liveness timeout: evicted, told so, exited.
            check(output.contains("evicted from channel"), "subscriber child exited by itself:\n" + output);
            evictedSubscribers++;
        }
        check(!output.contains("VIOLATION"), "a subscriber child saw a violation:\n" + output);
        childSubscriberDeliveries += CrashChild.lastDelivered(output);
        child.close();
        return restart ? ChildProcess.startJvm(CrashSubscriberMain.class, channel) : null;
    }
}
