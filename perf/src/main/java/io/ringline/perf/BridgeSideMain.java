package io.ringline.perf;

import io.ringline.Ringline;
import io.ringline.bridge.Bridge;
import org.agrona.CloseHelper;
import io.ringline.transport.aeron.StandaloneDriver;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Child JVM running the bridges of one side (one host) of the bridged peers:
 * {@code BridgeSideMain <shm-dir> <ready-file> <idle> <from> <to> [<from> <to>...]}. Each pair is a {@link Bridge}, as
 * {@code ringline bridge --from F --to T} runs it, all on one Ringline instance (so the side's {@code aeron:} channels
 * share one embedded media driver, one per host) and one thread that does each bridge's work in turn and idles, when
 * none had any, with the strategy named ({@code spin}, {@code yield} or {@code backoff}, {@link Bridge#run}'s; the
 * bench's {@code aeronIdle=}, as the drivers): a host's bridges for both directions, one thread and one driver
 * thread, what a 2-core host can give them. Creates the ready file once every bridge is open ({@link ReadyFile});
 * runs until SIGTERM or until the harness goes away, then prints each bridge's counters.
 */
public final class BridgeSideMain
{
    private BridgeSideMain()
    {
    }

    /**
     * @param args the shm directory, the ready file, the idle strategy, then pairs of channels: from, to.
     */
    public static void main(final String[] args)
    {
        ParentWatchdog.start();
        if (args.length < 5 || args.length % 2 != 1)
        {
            throw new IllegalArgumentException("usage: BridgeSideMain <shm-dir> <ready-file> <idle> <from> <to> " +
                "[<from> <to>...]: args=" + List.of(args));
        }
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Bridge> bridges = new ArrayList<>();
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(() -> running.set(false));
        try (Ringline ringline = Ringline.connect(new Ringline.Context().shmDir(args[0])))
        {
            try
            {
                for (int i = 3; i < args.length; i += 2)
                {
                    final String from = args[i];
                    bridges.add(new Bridge(ringline, from, args[i + 1], (event, epoch, expected, received, lost) ->
                        System.out.println("gap from=" + from + " event=" + event + " expected=" + expected +
                            " received=" + received + " lost=" + lost)));
                }
                ReadyFile.create(Path.of(args[1]));
                final IdleStrategy idle = StandaloneDriver.idleStrategy(args[2]);
                while (running.get())
                {
                    int work = 0;
                    for (int i = 0; i < bridges.size(); i++)
                    {
                        work += bridges.get(i).doWork();
                    }
                    idle.idle(work);
                }
                for (final Bridge bridge : bridges)
                {
                    System.out.println("bridge stopped forwarded=" + bridge.forwarded() + " backPressured=" +
                        bridge.backPressured() + " lost=" + bridge.lost() + " gaps=" + bridge.gaps());
                }
            }
            finally
            {
                CloseHelper.closeAll(bridges);
            }
        }
        finally
        {
            barrier.close();
        }
    }
}
