package io.ringline.transport.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A standalone media driver ({@code ringline driver}) for the {@code aeron:} channels of the processes on this host:
 * they find it through {@code aeron.dir}. Threading {@code shared} (one thread: conductor, sender and receiver; the
 * setting for a 2-core box) or {@code dedicated} (three threads: for a box with cores to spare); idle {@code backoff}
 * (spins, yields, then parks: leaves the cores to the applications when idle) or {@code spin} (lowest latency, a core
 * per driver thread) or {@code yield} (never parks, but gives the core to any other runnable thread: on a 2-core box
 * with the applications busy, the lowest latency that does not starve them; docs/perf.md). The directory is deleted on
 * start and on shutdown. Runs until SIGTERM/SIGINT or the timeout.
 *
 * <p>{@code StandaloneDriver [--dir DIR] [--threading shared|dedicated] [--idle spin|yield|backoff] [--seconds N]}
 */
public final class StandaloneDriver
{
    private StandaloneDriver()
    {
    }

    /**
     * @param idle {@code backoff}, {@code yield} or {@code spin}.
     * @return a new idle strategy of that name.
     * @throws IllegalArgumentException for another name.
     */
    public static IdleStrategy idleStrategy(final String idle)
    {
        return switch (idle)
        {
            case "backoff" -> new BackoffIdleStrategy();
            case "yield" -> new YieldingIdleStrategy();
            case "spin" -> new BusySpinIdleStrategy();
            default -> throw new IllegalArgumentException("idle=" + idle + " must be spin, yield or backoff");
        };
    }

    /**
     * @param directory the Aeron directory, or null for Aeron's default ({@code aeron.dir}).
     * @param threading {@code shared} or {@code dedicated}.
     * @param idle      {@code backoff}, {@code yield} or {@code spin}.
     * @return the driver's context, not yet launched.
     * @throws IllegalArgumentException naming the setting that is wrong.
     */
    public static MediaDriver.Context context(final String directory, final String threading, final String idle)
    {
        final IdleStrategy idleStrategy = idleStrategy(idle);
        final MediaDriver.Context context = new MediaDriver.Context()
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true);
        if (null != directory)
        {
            context.aeronDirectoryName(directory);
        }
        switch (threading)
        {
            case "shared" -> context.threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(idleStrategy);
            case "dedicated" -> context.threadingMode(ThreadingMode.DEDICATED)
                .conductorIdleStrategy(new BackoffIdleStrategy())
                .senderIdleStrategy(idleStrategy)
                .receiverIdleStrategy(idleStrategy(idle));
            default -> throw new IllegalArgumentException("threading=" + threading + " must be shared or dedicated");
        }
        return context;
    }

    /**
     * Runs the driver until a signal or the timeout, printing {@code driver ready dir=DIR} once it is up.
     *
     * @param directory the Aeron directory, or null for the default.
     * @param threading {@code shared} or {@code dedicated}.
     * @param idle      {@code backoff} or {@code spin}.
     * @param seconds   how long to run at most, 0 for until a signal.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void run(final String directory, final String threading, final String idle, final long seconds)
        throws InterruptedException
    {
        final MediaDriver.Context context = context(directory, threading, idle);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            MediaDriver driver = MediaDriver.launch(context))
        {
            System.out.println("driver ready dir=" + driver.aeronDirectoryName());
            System.out.flush();
            if (seconds > 0)
            {
                final Thread timer = new Thread(() ->
                {
                    try
                    {
                        TimeUnit.SECONDS.sleep(seconds);
                        barrier.signal();
                    }
                    catch (final InterruptedException ignore)
                    {
                        Thread.currentThread().interrupt();
                    }
                }, "ringline-driver-timeout");
                timer.setDaemon(true);
                timer.start();
            }
            barrier.await();
        }
    }

    /**
     * @param args {@code [--dir DIR] [--threading shared|dedicated] [--idle spin|yield|backoff] [--seconds N]}.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        String directory = null;
        String threading = "shared";
        String idle = "backoff";
        long seconds = 0;
        for (int i = 0; i < args.length; i += 2)
        {
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException("option " + args[i] + " has no value");
            }
            switch (args[i])
            {
                case "--dir" -> directory = args[i + 1];
                case "--threading" -> threading = args[i + 1];
                case "--idle" -> idle = args[i + 1];
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] +
                    " (known: --dir, --threading, --idle, --seconds)");
            }
        }
        run(directory, threading, idle, seconds);
    }
}
