package io.ringline.journal;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineConductor;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The journal transport, {@code journal:/abs/dir}: a persistent, replayable channel in segment files on the ring's
 * record layout ({@link JournalDescriptor}, {@link SegmentDescriptor}).
 *
 * <pre>{@code
 * try (Ringline ringline = Ringline.connect();
 *      Publisher orders = ringline.addPublisher("journal:/var/lib/app/orders?segment=64m&retain=16");
 *      Subscriber audit = ringline.addSubscriber("journal:/var/lib/app/orders?name=audit&from=start"))
 * {
 *     orders.offer(buffer, 0, length, type);
 *     audit.poll(handler, 100);   // a restart with name=audit resumes after the last message polled
 * }
 * }</pre>
 *
 * <p>It maps each journal once per {@link Ringline} however many publishers and subscribers use it, and runs one
 * conductor duty: for journals with publishers in this process, the next segment prepared ahead of the tail and
 * retention; for subscribers, skipping dead publishers' claims after the unblock timeout; for all, dead peers'
 * cursors and publisher slots released, and segments behind everyone in this process unmapped after a linger.
 */
public final class JournalTransportProvider implements TransportProvider, RinglineConductor.Duty
{
    private static final long LINGER_NS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How often dead peers' cursors and publisher slots are looked for: each look reads {@code /proc/PID/stat} of
     * every other process holding one (30-80 us a read here), which on every 100 ms cycle cost a spinning thread
     * sharing the conductor's CPU that much each time; a freed slot or parked cursor is bookkeeping that can wait a
     * second (a process that opens a named cursor checks its holder itself).
     */
    private static final long DEAD_SWEEP_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, Journal> journals = new HashMap<>();
    private final CopyOnWriteArrayList<JournalPublisher> publishers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<JournalSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<Journal> lingering = new ArrayList<>();
    private final List<Long> lingeringSinceNs = new ArrayList<>();
    private final EpochNanoClock recordClock = new OffsetEpochNanoClock(); // the publishers' record timestamps
    private Ringline ringline;
    private long lastDeadSweepNs = Long.MIN_VALUE / 2; // the conductor's

    @Override
    public Set<String> schemes()
    {
        return Set.of("journal");
    }

    /**
     * Opens a publisher. A journal has no exclusive mode: {@code exclusive} is accepted and the publisher claims by
     * compare-and-set like any other, which is correct whoever else writes.
     */
    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        final JournalParams params = JournalParams.forPublisher(uri, ringline.context());
        final Journal journal = acquire(uri, params, ringline);
        final JournalPublisher publisher;
        try
        {
            publisher = new JournalPublisher(this, journal, uri.toString());
        }
        catch (final RuntimeException ex)
        {
            release(null, journal);
            throw ex;
        }
        synchronized (this)
        {
            journal.localPublishers++;
            publishers.add(publisher);
        }
        try
        {
            journal.prepareAhead(); // the tail's segment, so that the first offer finds it mapped
        }
        catch (final RuntimeException ex)
        {
            publisher.close();
            throw ex;
        }
        return publisher;
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        final JournalParams params = JournalParams.forSubscriber(uri, ringline.context());
        final Journal journal = acquire(uri, params, ringline);
        try
        {
            final JournalSubscriber subscriber = new JournalSubscriber(this, journal, uri.toString(), params);
            subscribers.add(subscriber);
            return subscriber;
        }
        catch (final RuntimeException ex)
        {
            release(null, journal);
            throw ex;
        }
    }

    /**
     * Deletes the journal's segments, metadata file and directory. Other processes that have it mapped keep their
     * mappings until they close.
     */
    @Override
    public synchronized boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        return Journal.delete(JournalParams.directory(uri));
    }

    private synchronized Journal acquire(final ChannelUri uri, final JournalParams params, final Ringline ringline)
    {
        if (null == this.ringline)
        {
            this.ringline = ringline;
            ringline.conductor().add(this);
        }
        final String key = params.directory.toString();
        Journal journal = journals.get(key);
        if (null == journal)
        {
            journal = Journal.open(uri.withOnly(Set.of()), params);
            journals.put(key, journal);
        }
        journal.users++;
        return journal;
    }

    synchronized void release(final Object user, final Journal journal)
    {
        if (user instanceof JournalPublisher)
        {
            publishers.remove(user);
            journal.localPublishers--;
        }
        else if (user instanceof JournalSubscriber)
        {
            subscribers.remove(user);
        }
        if (--journal.users == 0)
        {
            journals.values().remove(journal);
            lingering.add(journal);
            lingeringSinceNs.add(ringline.context().nanoClock().nanoTime());
        }
    }

    @Override
    public int doWork(final long nowNs)
    {
        int work = 0;
        int readAhead = 0;
        for (final JournalSubscriber subscriber : subscribers)
        {
            work += subscriber.unblockIfStuck(nowNs);
            work += subscriber.wakeIfSleepingOverAMessage();
            readAhead += subscriber.prepareAhead();
        }
        if (readAhead > 0)
        {
            ringline.conductor().runAgainSoon(); // a step of the read-ahead done, more may be left
            work += readAhead;
        }
        final boolean sweepDead = nowNs - lastDeadSweepNs >= DEAD_SWEEP_INTERVAL_NS;
        if (sweepDead)
        {
            lastDeadSweepNs = nowNs;
        }
        final List<Journal> open;
        synchronized (this)
        {
            open = new ArrayList<>(journals.values());
            for (int i = lingering.size() - 1; i >= 0; i--)
            {
                if (nowNs - lingeringSinceNs.get(i) >= LINGER_NS)
                {
                    lingering.remove(i).close();
                    lingeringSinceNs.remove(i);
                    work++;
                }
            }
        }
        for (final Journal journal : open)
        {
            if (journal.localPublishers > 0)
            {
                try
                {
                    work += journal.prepareAhead();
                }
                catch (final RuntimeException ex)
                {
                    ringline.context().errorHandler().onError(ex); // full: publishers return STORAGE_FULL meanwhile
                }
                work += journal.retain(nowNs, recordClock.nanoTime());
            }
            if (sweepDead)
            {
                work += journal.cursors.releaseDead();
                work += PublisherSlots.releaseDead(journal);
            }
            journal.unmapBehind(lowestLocalPosition(journal), nowNs, LINGER_NS);
        }
        return work;
    }

    private long lowestLocalPosition(final Journal journal)
    {
        long lowest = journal.tailVolatile();
        for (final JournalPublisher publisher : publishers)
        {
            if (publisher.journal() == journal)
            {
                lowest = Math.min(lowest, publisher.lowestPosition());
            }
        }
        for (final JournalSubscriber subscriber : subscribers)
        {
            if (subscriber.journal() == journal)
            {
                lowest = Math.min(lowest, subscriber.lowestPosition());
            }
        }
        return lowest;
    }

    @Override
    public synchronized void close()
    {
        for (final Journal journal : journals.values())
        {
            journal.close();
        }
        journals.clear();
        for (final Journal journal : lingering)
        {
            journal.close();
        }
        lingering.clear();
        lingeringSinceNs.clear();
    }
}
