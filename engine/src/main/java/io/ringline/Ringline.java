package io.ringline;

import io.ringline.spi.TransportProvider;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Ringline embedded in an application: opens publishers and subscribers by channel URI, with no daemon.
 *
 * <pre>{@code
 * try (Ringline ringline = Ringline.connect();
 *      Subscriber subscriber = ringline.addSubscriber("shm:orders");
 *      Publisher publisher = ringline.addPublisher("shm:orders"))
 * {
 *     UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
 *     message.putLong(0, 42);
 *     while (publisher.offer(message, 0, 8, 7) < 0) { Thread.onSpinWait(); }
 *     subscriber.receive((buffer, offset, length, header) -> System.out.println(buffer.getLong(offset)), 10);
 *     ringline.removeChannel("shm:orders");
 * }
 * }</pre>
 *
 * <p>The URI's scheme picks the transport: {@code shm:NAME} (a POSIX shared-memory object under /dev/shm),
 * {@code file:/abs/path} (a memory-mapped file) and {@code sysvshm:KEY} (a System V segment) are the shared-memory
 * ring; other transports plug in through {@link TransportProvider}. Every JVM that runs Ringline needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (Agrona 2).
 *
 * <p>One instance per process is usual; it owns a conductor thread for heartbeats and liveness (see
 * {@link RinglineConductor}). Its methods are thread-safe; the publishers and subscribers it returns are not.
 */
public final class Ringline implements AutoCloseable
{
    private final Context context;
    private final RinglineConductor conductor;
    private final Map<String, TransportProvider> providers = new HashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closing;
    private boolean closed;

    private Ringline(final Context context)
    {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            throw new RinglineException("byteOrder=" + ByteOrder.nativeOrder() + " is not supported: " +
                "Ringline's shared layouts are little-endian");
        }
        this.context = context;
        for (final TransportProvider provider : ServiceLoader.load(TransportProvider.class))
        {
            for (final String scheme : provider.schemes())
            {
                final TransportProvider previous = providers.putIfAbsent(scheme, provider);
                if (null != previous && previous != provider)
                {
                    throw new RinglineException("scheme=" + scheme + " is claimed by two transports: " +
                        previous.getClass().getName() + " and " + provider.getClass().getName());
                }
            }
        }
        this.conductor = new RinglineConductor(context);
    }

    /**
     * Connects with the default context (system properties, then defaults).
     *
     * @return a new instance.
     */
    public static Ringline connect()
    {
        return connect(new Context());
    }

    /**
     * Connects with the given context, which is concluded (validated) here.
     *
     * @param context settings.
     * @return a new instance.
     */
    public static Ringline connect(final Context context)
    {
        return new Ringline(context.conclude());
    }

    /**
     * Opens a publisher that may share the channel with other publishers (atomic claim).
     *
     * @param channel channel URI.
     * @return an open publisher.
     */
    public synchronized Publisher addPublisher(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        return track(provider(uri).newPublisher(uri, false, this));
    }

    /**
     * Opens the channel's only publisher: no other publisher may open it while this one is open, and claims need no
     * atomic read-modify-write.
     *
     * @param channel channel URI.
     * @return an open publisher.
     */
    public synchronized Publisher addExclusivePublisher(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        return track(provider(uri).newPublisher(uri, true, this));
    }

    /**
     * Opens a subscriber, which receives every message published after it joined.
     *
     * @param channel channel URI, optionally with {@code types=1,2,...} to receive only those message types.
     * @return an open subscriber.
     */
    public synchronized Subscriber addSubscriber(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        return track(provider(uri).newSubscriber(uri, this));
    }

    /**
     * Opens the requesting side of request/response on a request channel; replies come back on a channel of the
     * client's own, derived from it (docs/request-response.md). At most {@code ringline.client.max.pending}
     * (default 1024) requests pending.
     *
     * @param channel the request channel URI, e.g. {@code shm:orders}.
     * @return the client; close it to remove its reply channel.
     */
    public io.ringline.reqrep.Client addClient(final String channel)
    {
        return addClient(channel, io.ringline.reqrep.Client.MAX_PENDING);
    }

    /**
     * @param channel    the request channel URI, e.g. {@code shm:orders}.
     * @param maxPending the most requests pending at once, a power of two.
     * @return the client; close it to remove its reply channel.
     */
    public synchronized io.ringline.reqrep.Client addClient(final String channel, final int maxPending)
    {
        return track(new io.ringline.reqrep.Client(this, channel, maxPending));
    }

    /**
     * Opens the answering side of request/response on a request channel, with
     * {@code ringline.server.reply.handles} (default 1024) reply handles.
     *
     * @param channel the request channel URI, e.g. {@code shm:orders}.
     * @return the server.
     */
    public io.ringline.reqrep.Server addServer(final String channel)
    {
        return addServer(channel, io.ringline.reqrep.Server.REPLY_HANDLES);
    }

    /**
     * @param channel      the request channel URI, e.g. {@code shm:orders}.
     * @param replyHandles how many requests may be answered later at once, &gt;= 1.
     * @return the server.
     */
    public synchronized io.ringline.reqrep.Server addServer(final String channel, final int replyHandles)
    {
        return track(new io.ringline.reqrep.Server(this, channel, replyHandles));
    }

    /**
     * Removes a channel's operating-system object (the /dev/shm entry, file or segment). Processes that have it open
     * keep using it; new openers create a new one.
     *
     * @param channel channel URI.
     * @return true when something was removed.
     */
    public synchronized boolean removeChannel(final String channel)
    {
        final ChannelUri uri = ChannelUri.parse(channel);
        return provider(uri).removeChannel(uri, this);
    }

    /**
     * Runs the conductor's duties once; needed only with {@code useConductorThread(false)}.
     *
     * @return work done.
     */
    public int doWork()
    {
        return conductor.doWork();
    }

    /**
     * @return the concluded context.
     */
    public Context context()
    {
        return context;
    }

    /**
     * @return the conductor, for transports to add their duties.
     */
    public RinglineConductor conductor()
    {
        return conductor;
    }

    /**
     * Closes every publisher and subscriber opened here, stops the conductor and releases transports' resources.
     */
    @Override
    public synchronized void close()
    {
        if (closed || closing)
        {
            return;
        }
        closing = true; // resources still reach their channels while they close (a Client removes its own)
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            try
            {
                resources.get(i).close();
            }
            catch (final Exception ex)
            {
                context.errorHandler().onError(ex);
            }
        }
        resources.clear();
        closed = true;
        conductor.close();
        for (final TransportProvider provider : new HashSet<>(providers.values()))
        {
            provider.close();
        }
    }

    private <T extends AutoCloseable> T track(final T resource)
    {
        resources.removeIf(Ringline::isClosedResource);
        resources.add(resource);
        return resource;
    }

    private static boolean isClosedResource(final AutoCloseable resource)
    {
        return resource instanceof Publisher && ((Publisher)resource).isClosed() ||
            resource instanceof Subscriber && ((Subscriber)resource).isClosed() ||
            resource instanceof io.ringline.reqrep.Client && ((io.ringline.reqrep.Client)resource).isClosed() ||
            resource instanceof io.ringline.reqrep.Server && ((io.ringline.reqrep.Server)resource).isClosed();
    }

    private TransportProvider provider(final ChannelUri uri)
    {
        if (closed)
        {
            throw new IllegalStateException("Ringline instance is closed, channel=" + uri);
        }
        final TransportProvider provider = providers.get(uri.scheme());
        if (null == provider)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' has unknown scheme '" + uri.scheme() +
                "' (known: " + String.join(", ", new TreeSet<>(providers.keySet())) + ")");
        }
        return provider;
    }

    /**
     * Settings of a {@link Ringline} instance. Each has a system property ({@code ringline.*}, read once when the
     * class loads), a default, and a fluent setter; {@link #conclude()} validates them together.
     */
    public static final class Context
    {
        /** Property: how often the conductor writes heartbeats and checks peers, in ms. */
        public static final String HEARTBEAT_INTERVAL_MS_PROP_NAME = "ringline.heartbeat.interval.ms";
        /** Default heartbeat interval. */
        public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 100;
        /** Property: a peer whose heartbeat is older than this is dead, in ms. */
        public static final String LIVENESS_TIMEOUT_MS_PROP_NAME = "ringline.liveness.timeout.ms";
        /** Default liveness timeout. */
        public static final long LIVENESS_TIMEOUT_MS_DEFAULT = 5_000;
        /** Property: how long a subscriber waits on a record whose publisher died mid-claim before skipping it, in ms. */
        public static final String UNBLOCK_TIMEOUT_MS_PROP_NAME = "ringline.unblock.timeout.ms";
        /** Default unblock timeout: longer than the liveness timeout. */
        public static final long UNBLOCK_TIMEOUT_MS_DEFAULT = 10_000;
        /** Property: how long to wait for another process to finish creating a channel, in ms. */
        public static final String OPEN_TIMEOUT_MS_PROP_NAME = "ringline.open.timeout.ms";
        /** Default open timeout. */
        public static final long OPEN_TIMEOUT_MS_DEFAULT = 5_000;
        /** Property: directory of POSIX shared-memory objects. */
        public static final String SHM_DIR_PROP_NAME = "ringline.shm.dir";
        /** Default shared-memory directory. */
        public static final String SHM_DIR_DEFAULT = "/dev/shm";
        /** Property: run the conductor on its own daemon thread. */
        public static final String CONDUCTOR_THREAD_PROP_NAME = "ringline.conductor.thread";
        /**
         * Property: the conductor keeps its cycle times, longest cycle and stalls in a shared-memory file that
         * {@code ringline stat} shows ({@link io.ringline.ring.ConductorStatsDescriptor}); default false.
         */
        public static final String CONDUCTOR_STATS_PROP_NAME = "ringline.conductor.stats";
        /** Property: ring capacity of channels this process creates, unless the URI says otherwise. */
        public static final String RING_CAPACITY_PROP_NAME = "ringline.ring.capacity";
        /** Default ring capacity: 1 MiB. */
        public static final int RING_CAPACITY_DEFAULT = 1 << 20;

        private static final long HEARTBEAT_INTERVAL_MS =
            Long.getLong(HEARTBEAT_INTERVAL_MS_PROP_NAME, HEARTBEAT_INTERVAL_MS_DEFAULT);
        private static final long LIVENESS_TIMEOUT_MS =
            Long.getLong(LIVENESS_TIMEOUT_MS_PROP_NAME, LIVENESS_TIMEOUT_MS_DEFAULT);
        private static final long OPEN_TIMEOUT_MS = Long.getLong(OPEN_TIMEOUT_MS_PROP_NAME, OPEN_TIMEOUT_MS_DEFAULT);
        private static final long UNBLOCK_TIMEOUT_MS =
            Long.getLong(UNBLOCK_TIMEOUT_MS_PROP_NAME, UNBLOCK_TIMEOUT_MS_DEFAULT);
        private static final String SHM_DIR = System.getProperty(SHM_DIR_PROP_NAME, SHM_DIR_DEFAULT);
        private static final boolean CONDUCTOR_THREAD =
            !"false".equals(System.getProperty(CONDUCTOR_THREAD_PROP_NAME, "true"));
        private static final String RING_CAPACITY = System.getProperty(RING_CAPACITY_PROP_NAME);

        private long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS;
        private long livenessTimeoutMs = LIVENESS_TIMEOUT_MS;
        private long openTimeoutMs = OPEN_TIMEOUT_MS;
        private long unblockTimeoutMs = UNBLOCK_TIMEOUT_MS;
        private String shmDir = SHM_DIR;
        private boolean useConductorThread = CONDUCTOR_THREAD;
        private boolean conductorStats = Boolean.getBoolean(CONDUCTOR_STATS_PROP_NAME);
        private int ringCapacity = RING_CAPACITY_DEFAULT;
        private String ringCapacityText = RING_CAPACITY;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private Supplier<IdleStrategy> idleStrategySupplier = () -> new BackoffIdleStrategy();
        private ErrorHandler errorHandler = new DistinctErrorLog();
        private boolean concluded;

        /**
         * Validates the settings together.
         *
         * @return this.
         * @throws IllegalArgumentException naming the settings that disagree and their values.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (heartbeatIntervalMs < 1)
            {
                throw new IllegalArgumentException("heartbeatIntervalMs=" + heartbeatIntervalMs + " must be >= 1");
            }
            if (livenessTimeoutMs < 2 * heartbeatIntervalMs)
            {
                throw new IllegalArgumentException("livenessTimeoutMs=" + livenessTimeoutMs +
                    " must be at least twice heartbeatIntervalMs=" + heartbeatIntervalMs);
            }
            if (unblockTimeoutMs <= livenessTimeoutMs)
            {
                throw new IllegalArgumentException("unblockTimeoutMs=" + unblockTimeoutMs +
                    " must be greater than livenessTimeoutMs=" + livenessTimeoutMs);
            }
            if (openTimeoutMs < 0)
            {
                throw new IllegalArgumentException("openTimeoutMs=" + openTimeoutMs + " must be >= 0");
            }
            if (!Files.isDirectory(Path.of(shmDir)))
            {
                throw new IllegalArgumentException("shmDir=" + shmDir + " is not a directory");
            }
            if (null != ringCapacityText)
            {
                final long capacity = ChannelUri.parseSize(ringCapacityText);
                if (capacity <= 0 || capacity > Integer.MAX_VALUE)
                {
                    throw new IllegalArgumentException(RING_CAPACITY_PROP_NAME + "=" + ringCapacityText +
                        " is not a size (e.g. 1m)");
                }
                ringCapacity = (int)capacity;
                ringCapacityText = null;
            }
            io.ringline.ring.RingDescriptor.checkCapacity(ringCapacity, "default ringCapacity");
            concluded = true;
            return this;
        }

        /**
         * @param heartbeatIntervalMs how often heartbeats are written and peers checked.
         * @return this.
         */
        public Context heartbeatIntervalMs(final long heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        /**
         * @return how often heartbeats are written and peers checked, in ms.
         */
        public long heartbeatIntervalMs()
        {
            return heartbeatIntervalMs;
        }

        /**
         * @param livenessTimeoutMs a peer whose heartbeat is older is considered dead.
         * @return this.
         */
        public Context livenessTimeoutMs(final long livenessTimeoutMs)
        {
            this.livenessTimeoutMs = livenessTimeoutMs;
            return this;
        }

        /**
         * @return the liveness timeout in ms.
         */
        public long livenessTimeoutMs()
        {
            return livenessTimeoutMs;
        }

        /**
         * @param unblockTimeoutMs how long a subscriber waits on a record whose publisher died between claim and
         *                         commit before its conductor turns the claim into padding; must exceed the liveness
         *                         timeout.
         * @return this.
         */
        public Context unblockTimeoutMs(final long unblockTimeoutMs)
        {
            this.unblockTimeoutMs = unblockTimeoutMs;
            return this;
        }

        /**
         * @return the unblock timeout in ms.
         */
        public long unblockTimeoutMs()
        {
            return unblockTimeoutMs;
        }

        /**
         * @param openTimeoutMs how long to wait for another process to finish creating a channel.
         * @return this.
         */
        public Context openTimeoutMs(final long openTimeoutMs)
        {
            this.openTimeoutMs = openTimeoutMs;
            return this;
        }

        /**
         * @return the open timeout in ms.
         */
        public long openTimeoutMs()
        {
            return openTimeoutMs;
        }

        /**
         * @param shmDir directory of POSIX shared-memory objects (a tmpfs).
         * @return this.
         */
        public Context shmDir(final String shmDir)
        {
            this.shmDir = shmDir;
            return this;
        }

        /**
         * @return directory of POSIX shared-memory objects.
         */
        public String shmDir()
        {
            return shmDir;
        }

        /**
         * @param useConductorThread false to run housekeeping only from {@link Ringline#doWork()}.
         * @return this.
         */
        public Context useConductorThread(final boolean useConductorThread)
        {
            this.useConductorThread = useConductorThread;
            return this;
        }

        /**
         * @return whether the conductor runs on its own thread.
         */
        public boolean useConductorThread()
        {
            return useConductorThread;
        }

        /**
         * @param conductorStats true to keep the conductor's cycle times, longest cycle and stalls in a shared-memory
         *                       file, {@code <shmDir>/ringline-conductor-PID-N}, for {@code ringline stat}.
         * @return this.
         */
        public Context conductorStats(final boolean conductorStats)
        {
            this.conductorStats = conductorStats;
            return this;
        }

        /**
         * @return whether the conductor keeps its statistics in shared memory.
         */
        public boolean conductorStats()
        {
            return conductorStats;
        }

        /**
         * @param ringCapacity data bytes of rings this process creates, unless the URI sets {@code capacity}.
         * @return this.
         */
        public Context ringCapacity(final int ringCapacity)
        {
            this.ringCapacity = ringCapacity;
            this.ringCapacityText = null;
            return this;
        }

        /**
         * @return the default ring capacity.
         */
        public int ringCapacity()
        {
            return ringCapacity;
        }

        /**
         * @param nanoClock the clock of heartbeats and timeouts; inject one to drive time in tests.
         * @return this.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * @return the clock of heartbeats and timeouts.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * @param supplier makes the idle strategy of {@link Subscriber#receive(MessageHandler, int)}.
         * @return this.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> supplier)
        {
            this.idleStrategySupplier = supplier;
            return this;
        }

        /**
         * @return makes the default idle strategy of blocking receives.
         */
        public Supplier<IdleStrategy> idleStrategySupplier()
        {
            return idleStrategySupplier;
        }

        /**
         * @param errorHandler receives errors from the conductor's duties and from closing, which have no caller to
         *                     throw to; the default, {@link DistinctErrorLog}, logs each distinct error once to
         *                     stderr and counts its repeats.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * @return receives errors from the conductor's duties.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        @Override
        public String toString()
        {
            return "Ringline.Context{heartbeatIntervalMs=" + heartbeatIntervalMs +
                ", livenessTimeoutMs=" + livenessTimeoutMs +
                ", unblockTimeoutMs=" + unblockTimeoutMs +
                ", openTimeoutMs=" + openTimeoutMs +
                ", shmDir=" + shmDir +
                ", useConductorThread=" + useConductorThread +
                ", conductorStats=" + conductorStats +
                ", ringCapacity=" + ringCapacity +
                ", nanoClock=" + nanoClock + "}";
        }
    }
}
