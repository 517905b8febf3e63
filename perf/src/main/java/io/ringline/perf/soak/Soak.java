package io.ringline.perf.soak;

import io.ringline.crash.CrashRig;

import java.util.concurrent.TimeUnit;

/**
 * The crash soak: publishers and subscribers in separate processes on one channel, killed with SIGKILL at random
 * moments (a share of the publishers stop mid-claim first) and restarted, for a bounded time, while a reference
 * subscriber in this process, there from the start, checks every stream. Every few seconds it prints the kills,
 * messages sent (acknowledged by publishers after commit) and delivered (to the reference and to the subscriber
 * children), lost, duplicated, reordered and corrupt (all must stay 0), and the reference subscriber's worst stall.
 * It is the crash tests' {@link CrashRig}, bounded by time instead of a kill count.
 *
 * <pre>{@code
 * perf/soak.sh --duration 300 [--publishers 3] [--subscribers 2] [--kill-interval-ms 400] [--stall-percent 20]
 * }</pre>
 *
 * Exit code 0 when nothing was lost, duplicated, reordered or corrupt; 1 otherwise; 2 for bad arguments.
 */
public final class Soak
{
    private static final long REPORT_INTERVAL_MS = 5_000;

    private Soak()
    {
    }

    /**
     * @param args {@code --duration SECONDS --publishers N --subscribers N --kill-interval-ms MS --stall-percent P
     *             --channel URI}, all optional.
     * @throws Exception when a child cannot be started.
     */
    public static void main(final String[] args) throws Exception
    {
        long seconds = 60;
        int publishers = 3;
        int subscribers = 2;
        int killIntervalMs = 400;
        int stallPercent = 20;
        String channel = "shm:soak-" + ProcessHandle.current().pid() + "?capacity=256k";
        try
        {
            for (int i = 0; i < args.length; i += 2)
            {
                final String value = args[i + 1];
                switch (args[i])
                {
                    case "--duration": seconds = Long.parseLong(value.replaceAll("s$", "")); break;
                    case "--publishers": publishers = Integer.parseInt(value); break;
                    case "--subscribers": subscribers = Integer.parseInt(value); break;
                    case "--kill-interval-ms": killIntervalMs = Integer.parseInt(value); break;
                    case "--stall-percent": stallPercent = Integer.parseInt(value); break;
                    case "--channel": channel = value; break;
                    default: throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (seconds < 1 || publishers < 1 || subscribers < 0 || killIntervalMs < 1 || stallPercent < 0 ||
                stallPercent > 100)
            {
                throw new IllegalArgumentException("duration, publishers and kill-interval-ms must be positive, " +
                    "stall-percent in [0, 100]");
            }
        }
        catch (final RuntimeException ex)
        {
            System.err.println("soak: " + ex.getMessage() + "\nusage: soak --duration SECONDS [--publishers N] " +
                "[--subscribers N] [--kill-interval-ms MS] [--stall-percent P] [--channel URI]");
            System.exit(2);
        }

        System.out.println("soak channel=" + channel + " duration=" + seconds + "s publishers=" + publishers +
            " subscribers=" + subscribers + " (+1 reference) killIntervalMs<=" + killIntervalMs +
            " stallPercent=" + stallPercent);
        final CrashRig rig = new CrashRig(channel, publishers, false, stallPercent, subscribers)
            .maxKillDelayMs(killIntervalMs);
        try
        {
            rig.runFor(TimeUnit.SECONDS.toMillis(seconds), REPORT_INTERVAL_MS, System.out::println);
            System.out.println("RESULT: clean " + rig.summary());
        }
        catch (final AssertionError ex)
        {
            System.out.println("RESULT: FAILED " + ex.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
