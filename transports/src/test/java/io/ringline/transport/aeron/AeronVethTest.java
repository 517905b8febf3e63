package io.ringline.transport.aeron;

import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hosts on one machine: two network namespaces joined by a veth pair, a publisher JVM in one and a subscriber JVM
 * in the other, each with its embedded driver, on {@code aeron:udp}: every message arrives once, in order, with its
 * type and length, also with 5% of data frames dropped on receipt (Aeron's debug loss generator). Needs root ({@code ip netns}); skipped with the reason where that is not permitted (as in the
 * surefire run inside a private mount namespace). The namespaces
 * (and with them the veth pair) are always removed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AeronVethTest
{
    private static final long COUNT = 200_000;

    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
    private final String nsA = "rl-a-" + suffix;
    private final String nsB = "rl-b-" + suffix;
    private final int subnet = ThreadLocalRandom.current().nextInt(1, 250);
    private final List<String> created = new ArrayList<>();

    @Test
    void publisherAndSubscriberInTwoNamespaces() throws Exception
    {
        exchange(List.of());
    }

    /**
     * 5% of the data frames the subscriber's driver receives are dropped by Aeron's debug loss generator: Aeron's
     * NAKs and retransmits still deliver every message once and in order.
     */
    @Test
    void withReceiveLossInjected() throws Exception
    {
        exchange(List.of(
            "-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
            "-Daeron.debug.receive.data.loss.rate=0.05", "-Daeron.debug.receive.data.loss.seed=42"));
    }

    private void exchange(final List<String> subscriberOptions) throws Exception
    {
        setUpOrSkip();
        final String uri = "aeron:udp?endpoint=10.213." + subnet + ".2:40456&driver=embedded&term-length=1m";
        final ChildProcess subscriber = ChildProcess.startLogged(inNamespace(nsB, "sub", uri, subscriberOptions));
        ChildProcess publisher = null;
        try
        {
            subscriber.awaitLine("ready", 20_000);
            publisher = ChildProcess.startLogged(inNamespace(nsA, "pub", uri, List.of()));
            assertEquals(0, subscriber.awaitExitCode(45_000), subscriber.output());
            assertTrue(subscriber.output().contains("received " + COUNT), subscriber.output());
            assertEquals(0, publisher.awaitExitCode(20_000), publisher.output());
        }
        finally
        {
            for (final ChildProcess child : new ChildProcess[] {subscriber, publisher})
            {
                if (null != child)
                {
                    child.close();
                    EmbeddedDriverDirs.deleteOf(child.pid());
                }
            }
        }
    }

    private JavaCommand inNamespace(final String namespace, final String role, final String uri,
        final List<String> options)
    {
        return JavaCommand.of(AeronPeerMain.class, role, uri, Long.toString(COUNT))
            .options(JavaCommand.SMALL_HEAP)
            .options(options)
            .wrappedIn(List.of("ip", "netns", "exec", namespace));
    }

    private void setUpOrSkip() throws InterruptedException
    {
        final String vethA = "rlva" + suffix;
        final String vethB = "rlvb" + suffix;
        final String failure = run("ip", "netns", "add", nsA);
        if (null != failure)
        {
            Assumptions.assumeTrue(false, "network namespaces not permitted here (needs root): " + failure);
        }
        created.add(nsA);
        for (final String[] command : new String[][] {
            {"ip", "netns", "add", nsB},
            {"ip", "link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns", nsB},
            {"ip", "-n", nsA, "addr", "add", "10.213." + subnet + ".1/24", "dev", vethA},
            {"ip", "-n", nsB, "addr", "add", "10.213." + subnet + ".2/24", "dev", vethB},
            {"ip", "-n", nsA, "link", "set", vethA, "up"},
            {"ip", "-n", nsB, "link", "set", vethB, "up"},
            {"ip", "-n", nsA, "link", "set", "lo", "up"},
            {"ip", "-n", nsB, "link", "set", "lo", "up"}})
        {
            final String error = run(command);
            if ("netns".equals(command[1]) && null == error)
            {
                created.add(command[3]);
            }
            Assumptions.assumeTrue(null == error, "cannot join two network namespaces with a veth pair here " +
                "(in a private mount namespace, /run/netns is not shared): " + error);
        }
    }

    /**
     * @return null on success, else the command and its output.
     */
    private static String run(final String... command) throws InterruptedException
    {
        try (ChildProcess child = ChildProcess.startLogged(command[0], new ProcessBuilder(command)))
        {
            final int exitCode = child.awaitExitCode(10_000);
            return 0 == exitCode ? null : String.join(" ", command) + " -> exit " + exitCode + ": " + child.output();
        }
    }

    @AfterEach
    void removeNamespaces() throws InterruptedException
    {
        for (final String namespace : created)
        {
            run("ip", "netns", "del", namespace);
        }
    }
}
