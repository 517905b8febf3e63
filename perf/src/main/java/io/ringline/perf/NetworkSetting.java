package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the network peers' two sides run ({@code net=}). {@value #LOOPBACK}: both on this host's loopback,
 * {@code 127.0.0.1}. {@value #VETH}: the far side (the pong or producer, its media driver or bridge) in a network
 * namespace of its own, joined to this one by a veth pair, as two hosts on one wire: the near end
 * {@code 10.213.S.1/24} here, the far end {@code 10.213.S.2/24} in the namespace (S random). Shared memory is not per
 * network namespace, so a far side's rings and Aeron directory are still the run's files. Needs root
 * ({@code ip netns}); refused with the reason without it. {@link #close()} deletes the namespace, and with it both
 * ends of the pair; a shutdown hook does the same if the harness dies before closing.
 */
public final class NetworkSetting implements AutoCloseable
{
    /** {@code net=} value: both sides on loopback. */
    public static final String LOOPBACK = "loopback";

    /** {@code net=} value: the far side in a network namespace joined by a veth pair. */
    public static final String VETH = "veth";

    private static final String LOOPBACK_HOST = "127.0.0.1";
    private static final long COMMAND_TIMEOUT_MS = 10_000;

    private final String namespace;
    private final String nearLink;
    private final String nearHost;
    private final String farHost;
    private final Thread cleanupHook;

    private NetworkSetting(final String namespace, final String nearLink, final String nearHost, final String farHost)
    {
        this.namespace = namespace;
        this.nearLink = nearLink;
        this.nearHost = nearHost;
        this.farHost = farHost;
        this.cleanupHook = null == namespace ? null : new Thread(this::deleteNamespace, "ringline-veth-cleanup");
        if (null != cleanupHook)
        {
            Runtime.getRuntime().addShutdownHook(cleanupHook);
        }
    }

    /**
     * @return both sides on loopback; nothing to set up or remove.
     */
    public static NetworkSetting loopback()
    {
        return new NetworkSetting(null, null, LOOPBACK_HOST, LOOPBACK_HOST);
    }

    /**
     * @param net {@value #LOOPBACK} or {@value #VETH}.
     * @return the setting, set up.
     * @throws IllegalStateException naming the reason when {@code veth} cannot be set up (not root, no {@code ip}).
     */
    public static NetworkSetting open(final String net)
    {
        return switch (net)
        {
            case LOOPBACK -> loopback();
            case VETH -> veth();
            default -> throw new IllegalArgumentException("net=" + net + " must be " + LOOPBACK + " or " + VETH);
        };
    }

    /**
     * Creates a namespace {@code rl-bench-XXXXX} and a veth pair {@code rlbnXXXXX} (here) / {@code rlbfXXXXX} (in
     * the namespace), addresses them and brings them up; on any failure removes what it made and throws.
     *
     * @return the setting, set up.
     * @throws IllegalStateException when not root, or naming the command that failed and its output.
     */
    public static NetworkSetting veth()
    {
        final long uid = effectiveUid();
        if (uid != 0)
        {
            throw new IllegalStateException("net=veth needs root (ip netns add, ip link add): uid=" + uid +
                "; run the bench as root or use net=loopback");
        }
        final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        final int subnet = ThreadLocalRandom.current().nextInt(1, 250);
        final String namespace = "rl-bench-" + suffix;
        final String near = "rlbn" + suffix;
        final String far = "rlbf" + suffix;
        final String nearHost = "10.213." + subnet + ".1";
        final String farHost = "10.213." + subnet + ".2";
        run("ip", "netns", "add", namespace);
        final NetworkSetting setting = new NetworkSetting(namespace, near, nearHost, farHost);
        try
        {
            run("ip", "link", "add", near, "type", "veth", "peer", "name", far, "netns", namespace);
            run("ip", "addr", "add", nearHost + "/24", "dev", near);
            run("ip", "-n", namespace, "addr", "add", farHost + "/24", "dev", far);
            run("ip", "link", "set", near, "up");
            run("ip", "-n", namespace, "link", "set", far, "up");
            run("ip", "-n", namespace, "link", "set", "lo", "up");
        }
        catch (final RuntimeException ex)
        {
            setting.close();
            throw ex;
        }
        return setting;
    }

    /**
     * @return the address the near side (the harness, its driver or bridge) is reached at.
     */
    public String nearHost()
    {
        return nearHost;
    }

    /**
     * @return the address the far side (the pong or producer, its driver or bridge) is reached at.
     */
    public String farHost()
    {
        return farHost;
    }

    /**
     * @return the near end of the veth pair, in this namespace, or null on loopback.
     */
    public String nearLink()
    {
        return nearLink;
    }

    /**
     * @return the namespace of the far side, or null on loopback.
     */
    public String namespace()
    {
        return namespace;
    }

    /**
     * @return command words that start a far-side process where it belongs: {@code ip netns exec NS} (which execs
     *         the command, so the child's pid is its own), nothing on loopback.
     */
    public List<String> farPrefix()
    {
        return null == namespace ? List.of() : List.of("ip", "netns", "exec", namespace);
    }

    /**
     * Deletes the veth pair (deleting one end deletes both, at once; a namespace's links go some time after the
     * namespace) and the namespace; nothing on loopback.
     */
    @Override
    public void close()
    {
        if (null != cleanupHook)
        {
            deleteNamespace();
            try
            {
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // the hook runs anyway, and finds nothing left
            }
        }
    }

    private void deleteNamespace()
    {
        if (Files.exists(Path.of("/sys/class/net", nearLink)))
        {
            run("ip", "link", "del", nearLink);
        }
        if (Files.exists(Path.of("/run/netns", namespace)))
        {
            run("ip", "netns", "del", namespace);
        }
    }

    @Override
    public String toString()
    {
        return null == namespace ? LOOPBACK : VETH + " namespace=" + namespace + " near=" + nearHost + " far=" +
            farHost;
    }

    private static long effectiveUid()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("Uid:"))
                {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the effective uid from /proc/self/status", ex);
        }
        throw new IllegalStateException("no Uid: line in /proc/self/status");
    }

    private static void run(final String... command)
    {
        final List<String> words = new ArrayList<>(List.of(command));
        try (ChildProcess child = ChildProcess.startLogged(command[0], new ProcessBuilder(words)))
        {
            final int exitCode = child.awaitExitCode(COMMAND_TIMEOUT_MS);
            if (exitCode != 0)
            {
                throw new IllegalStateException("net=veth: '" + String.join(" ", command) + "' failed: exitCode=" +
                    exitCode + ", output=" + child.output().strip());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("net=veth: interrupted running " + String.join(" ", command), ex);
        }
    }
}
