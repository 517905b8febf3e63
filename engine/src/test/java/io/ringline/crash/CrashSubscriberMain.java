package io.ringline.crash;

import io.ringline.Ringline;
import io.ringline.Subscriber;

import java.util.concurrent.TimeUnit;

/**
 * A subscriber process of the crash tests, killed with SIGKILL at a random moment by its parent.
 *
 * <p>Argument: {@code channel}. It prints {@code PID <pid>} and {@code READY} once subscribed, then checks every message with its own
 * {@link CrashChecker} (from the first message of each stream it sees: it joined late) and prints
 * {@code S <delivered> <clean>} every 20 ms, and {@code VIOLATION <report>} at once if anything is lost, duplicated,
 * reordered or corrupt.
 */
public final class CrashSubscriberMain
{
    private CrashSubscriberMain()
    {
    }

    public static void main(final String[] args)
    {
        final CrashChecker checker = new CrashChecker(false);
        try (Ringline ringline = Ringline.connect(CrashChild.childContext());
            Subscriber subscriber = ringline.addSubscriber(args[0]))
        {
            System.out.println("PID " + ProcessHandle.current().pid());
            System.out.println("READY");
            long lastReportNs = 0;
            boolean reported = false;
            while (true)
            {
                subscriber.receive(CrashChild.checkingHandler(checker), 64, TimeUnit.MILLISECONDS.toNanos(5));
                final long nowNs = System.nanoTime();
                if (nowNs - lastReportNs > TimeUnit.MILLISECONDS.toNanos(20))
                {
                    final boolean clean = checker.isClean();
                    System.out.println("S " + checker.delivered() + " " + clean);
                    if (!clean && !reported)
                    {
                        System.out.println("VIOLATION " + checker.report());
                        reported = true;
                    }
                    lastReportNs = nowNs;
                }
            }
        }
    }
}
