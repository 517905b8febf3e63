package io.ringline.transport.aeron;

import io.ringline.Ringline;
import io.ringline.bridge.BridgeMain;
import io.ringline.process.ChildProcess;
import io.ringline.process.JavaCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hosts on one machine: two network namespaces joined by a veth pair, a publisher JVM in one and a subscriber JVM
 * in the other, each with its embedded driver, on {@code aeron:udp}: every message arrives once, in order, with its
 * type and length, also with 5% of data frames dropped on receipt (Aeron's debug loss generator); and the whole
 * bridged path, shm → bridge JVM in one namespace → aeron:udp over the veth pair → bridge JVM in the other → shm,
 * with the loss generator on: nothing lost, and the drivers' NAK and retransmit counters moved. Needs root ({@code ip netns}); skipped with the reason where that is not permitted (as in the
 * surefire run inside a private mount namespace). The namespaces
 * (and with them the veth pair) are always removed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AeronVethTest
{
    private static final long COUNT = 200_000;
    /** Aeron's debug loss generator in the receive channel endpoint: 5% of data frames dropped on receipt. */
    private static final List<String> LOSS = List.of(
        "-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
        "-Daeron.debug.receive.data.loss.rate=0.05", "-Daeron.debug.receive.data.loss.seed=42");

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
        exchange(LOSS);
    }

    /**
     * shm → sending bridge (namespace A) → aeron:udp over the veth pair → receiving bridge (namespace B, 5% of data
     * frames dropped) → shm, the producer and the consumer outside both (shared memory is not per network
     * namespace): every message once and in order, both bridges report {@code lost=0 gaps=0}, the receiving driver
     * sent NAKs and the sending one retransmitted.
     */
    @Test
    void bridgedPathWithReceiveLossInjected() throws Exception
    {
        setUpOrSkip();
        final String src = "shm:veth-src-" + suffix;
        final String dst = "shm:veth-dst-" + suffix;
        final String uri = "aeron:udp?endpoint=10.213." + subnet + ".2:40456&driver=embedded&term-length=1m";
        final List<ChildProcess> children = new ArrayList<>();
        try
        {
            final ChildProcess consumer = start(children, JavaCommand.of(AeronPeerMain.class, "sub", dst,
                Long.toString(COUNT)));
            consumer.awaitLine("ready", 20_000);
            final ChildProcess receiving = start(children, JavaCommand.of(BridgeMain.class, "--from", uri, "--to", dst)
                .options(LOSS).wrappedIn(List.of("ip", "netns", "exec", nsB)));
            receiving.awaitLine("bridge ready from=" + uri + " to=" + dst, 20_000);
            final ChildProcess sending = start(children, JavaCommand.of(BridgeMain.class, "--from", src, "--to", uri)
                .wrappedIn(List.of("ip", "netns", "exec", nsA)));
            sending.awaitLine("bridge ready from=" + src + " to=" + uri, 20_000);
            start(children, JavaCommand.of(AeronPeerMain.class, "pub", src, Long.toString(COUNT)));
            assertEquals(0, consumer.awaitExitCode(50_000), consumer.output());
            assertTrue(consumer.output().contains("received " + COUNT), consumer.output());

            final AeronChannelCounters received = counters(receiving, uri);
            final AeronChannelCounters sent = counters(sending, uri);
            assertTrue(received.driver().get("naksSent") > 0, "receiving driver sent no NAK: " + received);
            assertTrue(sent.driver().get("retransmitsSent") > 0, "sending driver retransmitted nothing: " + sent);
            System.out.println("bridged veth with 5% loss: " + COUNT + " messages, receiving driver naksSent=" +
                received.driver().get("naksSent") + ", sending driver retransmitsSent=" +
                sent.driver().get("retransmitsSent"));
            for (final ChildProcess bridge : List.of(sending, receiving))
            {
                bridge.stop();
                assertTrue(bridge.awaitExit(10_000), bridge.output());
                assertTrue(bridge.output().contains("bridge stopped forwarded=" + COUNT + " "), bridge.output());
                assertTrue(bridge.output().contains(" lost=0 gaps=0"), bridge.output());
            }
        }
        finally
        {
            for (final ChildProcess child : children)
            {
                child.close();
                EmbeddedDriverDirs.deleteOf(child.pid());
            }
            try (Ringline ringline = Ringline.connect())
            {
                ringline.removeChannel(src);
                ringline.removeChannel(dst);
            }
        }
    }

    private static ChildProcess start(final List<ChildProcess> children, final JavaCommand command)
    {
        final ChildProcess child = ChildProcess.startLogged(command.options(JavaCommand.SMALL_HEAP));
        children.add(child);
        return child;
    }

    private static AeronChannelCounters counters(final ChildProcess bridge, final String uri)
    {
        final List<Path> dirs = EmbeddedDriverDirs.of(bridge.pid());
        assertEquals(1, dirs.size(), "the bridge's embedded driver directory: " + dirs);
        return AeronChannelCounters.read(dirs.get(0).toString(), uri);
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
