package io.ringline.tools.latency;

import io.ringline.os.CpuAffinity;
import io.ringline.perf.CpuPinning;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a measuring command and its peer run: this process's measuring thread on {@link #cpu()}, the peer process (a
 * spawned pong or throughput producer, all its threads) on {@link #peerCpu()}, or either left to the scheduler (-1).
 * By default, on a machine where this process may use two or more CPUs, the first two of them; the benchmark harness
 * places its ping thread and its children the same way ({@code pin=split}), through the same {@link CpuAffinity} and
 * {@link CpuPinning#taskset(int)}.
 *
 * @param cpu     this process's measuring thread, or -1.
 * @param peerCpu the peer process, or -1.
 */
public record Placement(int cpu, int peerCpu)
{
    /** Nothing pinned: the scheduler decides. */
    public static final Placement UNPINNED = new Placement(-1, -1);

    /**
     * @param cpu     {@code --cpu}, or null for the default.
     * @param peerCpu the peer's CPU option ({@code --pong-cpu}, {@code --producer-cpu}), or null for the default.
     * @param noPin   {@code --no-pin}.
     * @return the placement.
     * @throws IllegalArgumentException when {@code --no-pin} comes with a CPU.
     */
    public static Placement resolve(final Integer cpu, final Integer peerCpu, final boolean noPin)
    {
        if (noPin)
        {
            if (null != cpu || null != peerCpu)
            {
                throw new IllegalArgumentException("--no-pin pins nothing: drop --cpu=" + cpu + " or the peer's " +
                    "cpu=" + peerCpu);
            }
            return UNPINNED;
        }
        final int[] allowed = CpuAffinity.allowedCpus();
        if (null == cpu && null == peerCpu && allowed.length < 2)
        {
            return UNPINNED;
        }
        final int self = null != cpu ? cpu : firstOtherThan(allowed, null == peerCpu ? -1 : peerCpu);
        final int peer = null != peerCpu ? peerCpu : firstOtherThan(allowed, self);
        return new Placement(self, peer);
    }

    /**
     * A process with no peer of its own, e.g. a {@code pong} started by hand: by default on the second CPU it may use,
     * so that it does not meet a {@code ping} placed by default on the first.
     *
     * @param cpu   {@code --cpu}, or null for the default.
     * @param noPin {@code --no-pin}.
     * @return the placement, with no peer.
     */
    public static Placement alone(final Integer cpu, final boolean noPin)
    {
        if (noPin || null != cpu)
        {
            return resolve(cpu, null, noPin).withoutPeer();
        }
        final int[] allowed = CpuAffinity.allowedCpus();
        return allowed.length < 2 ? UNPINNED : new Placement(allowed[1], -1);
    }

    /**
     * @return this placement with the peer left where it was started, e.g. a {@code pong} started by hand.
     */
    public Placement withoutPeer()
    {
        return new Placement(cpu, -1);
    }

    private static int firstOtherThan(final int[] allowed, final int taken)
    {
        for (final int candidate : allowed)
        {
            if (candidate != taken)
            {
                return candidate;
            }
        }
        return -1;
    }

    /**
     * @return true when this process or its peer is pinned.
     */
    public boolean isPinned()
    {
        return cpu >= 0 || peerCpu >= 0;
    }

    /**
     * Pins the calling thread, the one that measures, to {@link #cpu()} if set.
     */
    public void pinThisThread()
    {
        if (cpu >= 0)
        {
            CpuAffinity.pinThisThread(cpu);
        }
    }

    /**
     * @return command words that start the peer process on {@link #peerCpu()} ({@code taskset}), or none.
     */
    public List<String> peerPrefix()
    {
        return peerCpu >= 0 ? CpuPinning.taskset(peerCpu) : List.of();
    }

    /**
     * @return the options that tell a spawned {@code pong} where its own thread goes: {@code --cpu M} or
     *         {@code --no-pin}.
     */
    public List<String> peerOptions()
    {
        final List<String> options = new ArrayList<>();
        if (peerCpu >= 0)
        {
            options.add("--cpu");
            options.add(Integer.toString(peerCpu));
        }
        else
        {
            options.add("--no-pin");
        }
        return options;
    }
}
