package io.ringline.perf;

import io.ringline.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code net=}: loopback needs nothing; veth makes a namespace and a veth pair whose far end has its address inside the
 * namespace (that the two sides talk through it, the veth run of {@link BridgedPeersTest} shows), and closing removes
 * the namespace and both ends of the pair. Skipped with the reason where network namespaces are not permitted (not
 * root).
 */
@Timeout(60)
class NetworkSettingTest
{
    @Test
    void loopbackIsBothSidesOnThisHost()
    {
        try (NetworkSetting loopback = NetworkSetting.open(NetworkSetting.LOOPBACK))
        {
            assertEquals("127.0.0.1", loopback.nearHost());
            assertEquals("127.0.0.1", loopback.farHost());
            assertEquals(List.of(), loopback.farPrefix());
        }
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.from("net=wifi"));
    }

    @Test
    void vethIsSetUpAndRemoved() throws Exception
    {
        final NetworkSetting veth;
        try
        {
            veth = NetworkSetting.veth();
        }
        catch (final IllegalStateException notPermitted)
        {
            assumeTrue(false, "net=veth not possible here: " + notPermitted.getMessage());
            return;
        }
        final String nearLink;
        try (veth)
        {
            assertTrue(namespaces().contains(veth.namespace()), namespaces().toString());
            nearLink = veth.nearLink();
            assertTrue(Files.exists(Path.of("/sys/class/net", nearLink)), nearLink);
            final List<String> show = new ArrayList<>(veth.farPrefix());
            show.addAll(List.of("ip", "-4", "addr", "show"));
            try (ChildProcess child = ChildProcess.startLogged("ip addr", new ProcessBuilder(show)))
            {
                assertEquals(0, child.awaitExitCode(10_000), child.output());
                assertTrue(child.output().contains(veth.farHost() + "/24"), "the far end, inside: " + child.output());
            }
        }
        assertFalse(namespaces().contains(veth.namespace()), namespaces().toString());
        assertFalse(Files.exists(Path.of("/sys/class/net", nearLink)), "the near end of the pair is gone");
    }

    /**
     * @return the names of the network namespaces {@code ip netns} knows.
     */
    static List<String> namespaces() throws java.io.IOException
    {
        final Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (var names = Files.list(dir))
        {
            return names.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
