package io.ringline.bridge;

import io.ringline.Ringline;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Bridge} until SIGTERM/SIGINT or {@code seconds} pass (0: no limit), printing {@code bridge ready}
 * (after {@code bridge resumed at=POSITION epoch=E sequence=S} when a state file let it resume),
 * every reported break as {@code gap event=... epoch=... expected=... received=... lost=...}, and the counters at
 * the end ({@code bridge stopped forwarded=... backPressured=... lost=... gaps=...}). {@code ringline bridge} is this.
 */
public final class BridgeMain
{
    private BridgeMain()
    {
    }

    /**
     * @param from    channel read.
     * @param to      channel written.
     * @param seconds how long to run at most, 0 for until a signal.
     * @param state   the sending bridge's state file, or null for none.
     */
    public static void run(final String from, final String to, final long seconds, final Path state)
    {
        final AtomicBoolean running = new AtomicBoolean(true);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final Thread main = Thread.currentThread();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(() -> running.set(false));
            Ringline ringline = Ringline.connect();
            Bridge bridge = new Bridge(ringline, from, to, (event, epoch, expected, received, lost) ->
                System.out.println("gap event=" + event + " epoch=" + epoch + " expected=" + expected + " received=" +
                    received + " lost=" + lost), state))
        {
            if (bridge.resumedAt() >= 0)
            {
                System.out.println("bridge resumed at=" + bridge.resumedAt() + " epoch=" + bridge.epoch());
            }
            System.out.println("bridge ready from=" + from + " to=" + to);
            System.out.flush();
            bridge.run(() -> running.get() && (seconds <= 0 || System.nanoTime() - deadlineNs < 0));
            System.out.println("bridge stopped forwarded=" + bridge.forwarded() + " backPressured=" +
                bridge.backPressured() + " lost=" + bridge.lost() + " gaps=" + bridge.gaps());
            System.out.flush();
        }
    }

    /**
     * @param args {@code --from URI --to URI [--seconds N] [--state FILE]}.
     */
    public static void main(final String[] args)
    {
        String from = null;
        String to = null;
        long seconds = 0;
        Path state = null;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--from" -> from = args[i + 1];
                case "--to" -> to = args[i + 1];
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--state" -> state = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] +
                    " (known: --from, --to, --seconds, --state)");
            }
        }
        if (null == from || null == to)
        {
            throw new IllegalArgumentException("--from URI and --to URI are required");
        }
        run(from, to, seconds, state);
    }
}
