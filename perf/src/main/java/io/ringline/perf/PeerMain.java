package io.ringline.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of every peer child JVM: {@code PeerMain <peer-name> <role> <args...>}, where role is {@code pong}
 * (a {@link RoundTripPeer}) or {@code producer} (a {@link ThroughputPeer}). Exits with 0 when the role returns, 1 when
 * it throws, 2 for a bad command line, and 3 if the parent process goes away first.
 */
public final class PeerMain
{
    /**
     * Role running {@link RoundTripPeer#runPong(List)}.
     */
    public static final String PONG_ROLE = "pong";

    /**
     * Role running {@link ThroughputPeer#runProducer(List)}.
     */
    public static final String PRODUCER_ROLE = "producer";

    private PeerMain()
    {
    }

    /**
     * Builds the argument list for a child.
     *
     * @param peerName  of the peer.
     * @param role      {@link #PONG_ROLE} or {@link #PRODUCER_ROLE}.
     * @param peerArgs  for the role.
     * @return the arguments to {@link #main(String[])}.
     */
    public static List<String> args(final String peerName, final String role, final List<String> peerArgs)
    {
        final List<String> args = new ArrayList<>();
        args.add(peerName);
        args.add(role);
        args.addAll(peerArgs);

        return args;
    }

    /**
     * Runs one role of one peer.
     *
     * @param args {@code <peer-name> <role> <args...>}.
     */
    public static void main(final String[] args)
    {
        ParentWatchdog.start();
        if (args.length < 2)
        {
            System.err.println("usage: PeerMain <peer-name> <pong|producer> <args...>");
            System.exit(2);
        }

        final String name = args[0];
        final String role = args[1];
        final List<String> peerArgs = Arrays.asList(args).subList(2, args.length);
        try
        {
            if (PONG_ROLE.equals(role))
            {
                PeerRegistry.roundTripPeer(name).runPong(peerArgs);
            }
            else if (PRODUCER_ROLE.equals(role))
            {
                PeerRegistry.throughputPeer(name).runProducer(peerArgs);
            }
            else
            {
                System.err.println("unknown role: role=" + role + ", roles=[" + PONG_ROLE + ", " + PRODUCER_ROLE + "]");
                System.exit(2);
            }
        }
        catch (final Throwable ex)
        {
            System.err.println("peer failed: name=" + name + ", role=" + role);
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
