package io.ringline.tools.latency;

import io.ringline.perf.RuntimeFacts;
import io.ringline.tools.json.JsonWriter;

/**
 * How a {@code ping} or {@code throughput} figure was measured, printed with it: the receivers' wait mode (and whether
 * it came from the URI), where each side ran, and the JVM with its flags.
 *
 * <pre>
 *   JSON: "wait":"spin", "wait_from":"default", "pinned":true, "cpus":{"ping":0,"pong":1},
 *         "jvm":"OpenJDK 64-Bit Server VM 17.0.15+6", "jvm_flags":"-XX:+UseSerialGC ..."
 * </pre>
 */
public final class RunConditions
{
    private final String wait;
    private final String waitFrom;
    private final Placement placement;
    private final String role;
    private final String peerRole;

    /**
     * @param receiveChannels the channels this run's receivers subscribe to, as the user gave them (ping: the reply
     *                        channel and the ping channel; throughput: the channel).
     * @param placement       where this process and its peer run.
     * @param role            this process's role, e.g. {@code ping} or {@code consumer}.
     * @param peerRole        the peer's role, e.g. {@code pong} or {@code producer}.
     */
    public RunConditions(
        final String[] receiveChannels, final Placement placement, final String role, final String peerRole)
    {
        String wait = null;
        boolean defaulted = false;
        for (final String channel : receiveChannels)
        {
            final String mode = ReceiveWait.mode(channel);
            wait = null == wait || wait.equals(mode) ? mode : wait + "," + mode;
            defaulted |= ReceiveWait.isDefaulted(channel);
        }
        this.wait = wait;
        this.waitFrom = ReceiveWait.TRANSPORT.equals(wait) ? ReceiveWait.TRANSPORT : defaulted ? "default" : "uri";
        this.placement = placement;
        this.role = role;
        this.peerRole = peerRole;
    }

    /**
     * @param json a writer inside the result's object.
     * @return the writer, after the fields {@code wait}, {@code wait_from}, {@code pinned}, {@code cpus}, {@code jvm}
     *         and {@code jvm_flags}.
     */
    public JsonWriter appendTo(final JsonWriter json)
    {
        json.field("wait", wait).field("wait_from", waitFrom).field("pinned", placement.isPinned());
        json.name("cpus").beginObject();
        cpu(json, role, placement.cpu());
        cpu(json, peerRole, placement.peerCpu());
        json.endObject();
        return json.field("jvm", RuntimeFacts.jvm()).field("jvm_flags", RuntimeFacts.jvmFlags());
    }

    private static void cpu(final JsonWriter json, final String name, final int cpu)
    {
        if (cpu >= 0)
        {
            json.field(name, cpu);
        }
        else
        {
            json.field(name, (String)null);
        }
    }

    /**
     * @return three lines for the text output: the wait mode, the placement, the JVM.
     */
    public String text()
    {
        final String waitLine = ReceiveWait.TRANSPORT.equals(wait) ? "the transport's own receive" :
            "wait=" + wait + ("default".equals(waitFrom) ? " (the default on a ring; wait= in the URI overrides it)" :
            " (from the URI)");
        final String placementLine = placement.isPinned() ?
            role + " " + where(placement.cpu()) + ", " + peerRole + " " + where(placement.peerCpu()) :
            "not pinned: the scheduler places " + role + " and " + peerRole;
        return String.format("run      %s%n         %s%n         %s, %s", waitLine, placementLine,
            RuntimeFacts.jvm(), RuntimeFacts.jvmFlags());
    }

    private static String where(final int cpu)
    {
        return cpu >= 0 ? "on CPU " + cpu : "not pinned by this command";
    }
}
