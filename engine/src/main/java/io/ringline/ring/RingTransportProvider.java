package io.ringline.ring;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineConductor;
import io.ringline.Subscriber;
import io.ringline.memory.MappedFileMemory;
import io.ringline.memory.SharedMemory;
import io.ringline.memory.SysVSharedMemory;
import io.ringline.os.Native;
import io.ringline.spi.TransportProvider;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The shared-memory ring transport: {@code shm:NAME} (the POSIX shared-memory object {@code /ringline-NAME}, i.e.
 * the file {@code /dev/shm/ringline-NAME}), {@code file:/abs/path} and {@code sysvshm:KEY}.
 *
 * <p>It maps each channel once per {@link Ringline} instance however many publishers and subscribers use it, and
 * runs one conductor duty: heartbeats for its own slots, eviction of dead peers, and unmapping of channels released
 * more than a linger period ago (so that a thread still inside {@code poll} when another closes the subscriber never
 * touches unmapped memory).
 */
public final class RingTransportProvider implements TransportProvider, RinglineConductor.Duty
{
    /** Prefix of the objects under /dev/shm, so that `ringline ls` and `clean` can find them. */
    public static final String SHM_PREFIX = "ringline-";

    private static final Pattern SHM_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    private static final long LINGER_NS = TimeUnit.SECONDS.toNanos(1);
    /** A slot's heartbeat younger than this many heartbeat intervals proves its owner alive ({@link SlotTable}). */
    private static final int FRESH_HEARTBEATS = 3;

    private final Map<String, RingChannel> channels = new HashMap<>();
    private final List<RingChannel> lingering = new ArrayList<>();
    private final List<Long> lingeringSinceNs = new ArrayList<>();
    private final CopyOnWriteArrayList<RingPublisher> publishers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<RingSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile Ringline ringline;

    @Override
    public Set<String> schemes()
    {
        return Set.of("shm", "file", "sysvshm");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        final RingParams params = RingParams.forPublisher(uri, ringline.context());
        final RingChannel channel = acquire(uri, params, ringline);
        try
        {
            final long nowNs = ringline.context().nanoClock().nanoTime();
            final int slot = SlotTable.claimPublisher(channel,
                exclusive ? PublisherSlotDescriptor.EXCLUSIVE : PublisherSlotDescriptor.CONCURRENT, nowNs);
            final long livenessTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ringline.context().livenessTimeoutMs());
            final RingPublisher publisher = exclusive ?
                new ExclusiveRingPublisher(this, channel, uri.toString(), slot, ringline.context().nanoClock(),
                    livenessTimeoutNs) :
                new ConcurrentRingPublisher(this, channel, uri.toString(), slot, ringline.context().nanoClock(),
                    livenessTimeoutNs);
            publishers.add(publisher);
            return publisher;
        }
        catch (final RuntimeException ex)
        {
            release(null, channel);
            throw ex;
        }
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        final RingParams params = RingParams.forSubscriber(uri, ringline.context());
        final RingChannel channel = acquire(uri, params, ringline);
        try
        {
            final int slot = SlotTable.claimSubscriber(channel, ringline.context().nanoClock().nanoTime(), params.from);
            final WaitMode waitMode = null == params.wait ? channel.defaultWaitMode : params.wait;
            final RingSubscriber subscriber = new RingSubscriber(
                this, channel, uri.toString(), slot, params.types, waitMode, idleStrategy(waitMode, params, ringline));
            final int histogramOffset = channel.latencyHistogramOffset(slot);
            if (histogramOffset >= 0)
            {
                final LatencyRecorder recorder =
                    new LatencyRecorder(channel.meta, histogramOffset, ringline.context().nanoClock());
                recorder.reset();
                subscriber.recordLatency(recorder);
            }
            subscribers.add(subscriber);
            return subscriber;
        }
        catch (final RuntimeException ex)
        {
            release(null, channel);
            throw ex;
        }
    }

    private static org.agrona.concurrent.IdleStrategy idleStrategy(
        final WaitMode mode, final RingParams params, final Ringline ringline)
    {
        // without a wait= in the URI, the context's idle strategy stands in for the back-off
        return null != params.wait || WaitMode.SPIN == mode || WaitMode.YIELD == mode ? mode.newIdleStrategy() :
            ringline.context().idleStrategySupplier().get();
    }

    /**
     * Removes the channel's object and the semaphores its header names, if any.
     */
    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        if ("sysvshm".equals(uri.scheme()))
        {
            final int key = sysvKey(uri);
            removeWakeupObjects(() -> SysVSharedMemory.open(key));
            return SysVSharedMemory.remove(key);
        }
        final Path path = path(uri, ringline.context().shmDir());
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
        {
            removeWakeupObjects(() -> MappedFileMemory.open(path));
        }
        return MappedFileMemory.delete(path);
    }

    private static void removeWakeupObjects(final java.util.function.Supplier<SharedMemory> opener)
    {
        try (SharedMemory memory = opener.get())
        {
            if (memory.buffer().getLongVolatile(RingDescriptor.MAGIC_OFFSET) == RingDescriptor.MAGIC &&
                memory.buffer().capacity() >= RingDescriptor.PAGE_SIZE)
            {
                Wakeup.removeObjects(memory.buffer());
            }
        }
        catch (final RuntimeException ex)
        {
            // not a channel, or not ours to read: nothing of ours to remove beside it
        }
    }

    private synchronized RingChannel acquire(final ChannelUri uri, final RingParams params, final Ringline ringline)
    {
        if (null == this.ringline)
        {
            this.ringline = ringline;
            ringline.conductor().add(this);
        }

        final String key = key(uri, ringline.context().shmDir());
        RingChannel channel = channels.get(key);
        if (null == channel)
        {
            final String name = uri.withOnly(Set.of());
            final SharedMemory memory = map(uri, params, ringline.context().shmDir());
            channel = RingChannel.attach(
                name, memory, params, ringline.context().nanoClock(), ringline.context().openTimeoutMs());
            channels.put(key, channel);
        }
        else
        {
            channel.checkAgrees(params);
        }
        channel.users++;
        return channel;
    }

    synchronized void release(final Object user, final RingChannel channel)
    {
        if (user instanceof RingPublisher)
        {
            publishers.remove(user);
        }
        else if (user instanceof RingSubscriber)
        {
            subscribers.remove(user);
        }

        if (--channel.users == 0)
        {
            channels.values().remove(channel);
            lingering.add(channel);
            lingeringSinceNs.add(ringline.context().nanoClock().nanoTime());
        }
    }

    @Override
    public int doWork(final long nowNs)
    {
        int work = 0;
        for (final RingPublisher publisher : publishers)
        {
            publisher.heartbeat(nowNs);
        }
        final long unblockTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ringline.context().unblockTimeoutMs());
        for (final RingSubscriber subscriber : subscribers)
        {
            subscriber.heartbeat(nowNs);
            work += subscriber.wakeIfSleepingOverAMessage();
            work += subscriber.unblockIfStuck(nowNs, unblockTimeoutNs);
        }

        final long livenessTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ringline.context().livenessTimeoutMs());
        final long watchingSinceNs = ringline.conductor().watchingSinceNs(nowNs);
        final List<RingChannel> open;
        synchronized (this)
        {
            open = new ArrayList<>(channels.values());
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
        final long freshNs = Math.min(livenessTimeoutNs / 2,
            FRESH_HEARTBEATS * TimeUnit.MILLISECONDS.toNanos(ringline.context().heartbeatIntervalMs()));
        for (final RingChannel channel : open)
        {
            work += SlotTable.evictDead(channel, nowNs, watchingSinceNs, livenessTimeoutNs, freshNs);
        }
        return work;
    }

    /**
     * For a back-pressured publisher's liveness check: {@link RinglineConductor#watchingSinceNs(long)} of the instance
     * this provider serves, or {@link SlotTable#WATCHING_ALWAYS} before it serves one.
     *
     * @param nowNs the caller's clock.
     * @return since when staleness may be counted.
     */
    long watchingSinceNs(final long nowNs)
    {
        final Ringline instance = ringline;
        return null == instance ? SlotTable.WATCHING_ALWAYS : instance.conductor().watchingSinceNs(nowNs);
    }

    @Override
    public synchronized void close()
    {
        for (final RingChannel channel : channels.values())
        {
            channel.close();
        }
        channels.clear();
        for (final RingChannel channel : lingering)
        {
            channel.close();
        }
        lingering.clear();
        lingeringSinceNs.clear();
    }

    private static SharedMemory map(final ChannelUri uri, final RingParams params, final String shmDir)
    {
        final long length = RingChannel.regionLength(params);
        final int ownerUid = params.anyOwner ? MappedFileMemory.ANY_OWNER : Native.libc().geteuid();
        if ("sysvshm".equals(uri.scheme()))
        {
            final int key = sysvKey(uri);
            return params.create ?
                SysVSharedMemory.openOrCreate(
                    key, length, params.perm, ownerUid, buffer -> RingChannel.initialise(buffer, params)) :
                SysVSharedMemory.open(key, ownerUid);
        }

        final Path path = path(uri, shmDir);
        if (!params.create && !Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            throw new io.ringline.RinglineException("channel=" + uri + " file=" + path + " does not exist (create=false)");
        }
        return MappedFileMemory.openOrCreate(
            path, length, params.perm, ownerUid, buffer -> RingChannel.initialise(buffer, params));
    }

    private static String key(final ChannelUri uri, final String shmDir)
    {
        return "sysvshm".equals(uri.scheme()) ? "sysvshm:" + sysvKey(uri) : path(uri, shmDir).toString();
    }

    /**
     * Bytes of shared memory a ring channel created from this URI takes: its header (slots, counters) and its data.
     * {@code ringline doctor} weighs the channels it is given against the free space of /dev/shm and SHMMAX.
     *
     * @param uri     a {@code shm:}, {@code file:} or {@code sysvshm:} channel URI, publisher's or subscriber's.
     * @param context the defaults for what the URI does not say (the ring's capacity).
     * @return the length of the channel's region.
     * @throws IllegalArgumentException when the URI's parameters are not valid.
     */
    public static long regionLength(final ChannelUri uri, final Ringline.Context context)
    {
        return RingChannel.regionLength(RingParams.forSubscriber(uri, context));
    }

    /**
     * The file behind a {@code shm:} or {@code file:} channel URI.
     *
     * @param uri    channel URI.
     * @param shmDir directory of POSIX shared-memory objects.
     * @return the absolute path.
     * @throws IllegalArgumentException when the name or path is not acceptable.
     */
    public static Path path(final ChannelUri uri, final String shmDir)
    {
        final String target = uri.target();
        if ("shm".equals(uri.scheme()))
        {
            if (!SHM_NAME.matcher(target).matches())
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' shm name '" + target + "' must be 1 to " +
                    "200 of [A-Za-z0-9_.-], not starting with '.' or '-', with no '/': it names a file in " + shmDir);
            }
            return Path.of(shmDir, SHM_PREFIX + target);
        }
        if ("file".equals(uri.scheme()))
        {
            final Path path = Path.of(target);
            if (!path.isAbsolute())
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' file path '" + target +
                    "' must be absolute, e.g. file:/var/lib/app/orders.ring");
            }
            if (!path.normalize().equals(path) || target.endsWith("/"))
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' file path '" + target +
                    "' must be normalised (no '.', '..', '//' or trailing '/')");
            }
            return path;
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' is not a shm: or file: channel");
    }

    /**
     * The key of a {@code sysvshm:} channel URI.
     *
     * @param uri channel URI.
     * @return the key, decimal or 0x-hexadecimal in the URI, never IPC_PRIVATE (0).
     */
    public static int sysvKey(final ChannelUri uri)
    {
        final String target = uri.target();
        try
        {
            final long key = target.startsWith("0x") || target.startsWith("0X") ?
                Long.parseLong(target.substring(2), 16) : Long.parseLong(target);
            if (key != 0 && key >= Integer.MIN_VALUE && key <= 0xFFFF_FFFFL)
            {
                return (int)key;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' sysvshm key '" + target + "' must be a " +
            "non-zero 32-bit integer, decimal or 0x-hexadecimal (e.g. sysvshm:0x52490001)");
    }
}
