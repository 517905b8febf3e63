package io.ringline.tools;

import io.aeron.CommonContext;
import io.aeron.CncFileDescriptor;
import io.ringline.Ringline;
import io.ringline.tools.json.JsonWriter;
import io.ringline.transport.aeron.AeronChannelCounters;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ringline stat aeron:...}: the Aeron counters of one channel ({@link AeronChannelCounters}), from the driver
 * at {@code --aeron-dir}, or else from the standalone driver at {@code aeron.dir} and every driver embedded by a
 * Ringline process (directories {@code ringline-aeron-*} in the shm directory), each driver that has one.
 */
final class AeronStat
{
    private static final String EMBEDDED_PREFIX = "ringline-aeron-";

    private AeronStat()
    {
    }

    /**
     * @param channel  an {@code aeron:} URI.
     * @param aeronDir the driver's directory, or null to look at the standalone and the embedded drivers.
     * @param json     one JSON object instead of text.
     * @return the counters, ready to print.
     */
    static String describe(final String channel, final String aeronDir, final boolean json)
    {
        final List<AeronChannelCounters> drivers = new ArrayList<>();
        for (final String dir : null == aeronDir ? driverDirs() : List.of(aeronDir))
        {
            drivers.add(AeronChannelCounters.read(dir, channel));
        }
        if (drivers.isEmpty())
        {
            throw new IllegalArgumentException("no Aeron media driver found: none at aeron.dir=" +
                CommonContext.getAeronDirectoryName() + " and no embedded one under " +
                new Ringline.Context().shmDir() + " (name one with --aeron-dir)");
        }
        return json ? json(channel, drivers) : text(channel, drivers);
    }

    private static List<String> driverDirs()
    {
        final List<String> dirs = new ArrayList<>();
        final String standalone = CommonContext.getAeronDirectoryName();
        if (new File(standalone, CncFileDescriptor.CNC_FILE).isFile())
        {
            dirs.add(standalone);
        }
        final File[] embedded = new File(new Ringline.Context().shmDir())
            .listFiles((dir, name) -> name.startsWith(EMBEDDED_PREFIX));
        if (null != embedded)
        {
            java.util.Arrays.sort(embedded);
            for (final File dir : embedded)
            {
                if (new File(dir, CncFileDescriptor.CNC_FILE).isFile())
                {
                    dirs.add(dir.getPath());
                }
            }
        }
        return dirs;
    }

    private static String text(final String channel, final List<AeronChannelCounters> drivers)
    {
        final StringBuilder out = new StringBuilder();
        out.append("channel ").append(channel).append('\n');
        for (final AeronChannelCounters counters : drivers)
        {
            out.append("driver ").append(counters.aeronDir()).append("  aeron channel ").append(counters.channel())
                .append(" stream ").append(counters.streamId()).append('\n');
            row(out, "  stream ", counters.stream());
            row(out, "  driver ", counters.driver());
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final String prefix, final Map<String, Long> values)
    {
        out.append(prefix);
        values.forEach((name, value) -> out.append(' ').append(name).append('=').append(value));
        out.append('\n');
    }

    private static String json(final String channel, final List<AeronChannelCounters> drivers)
    {
        final JsonWriter json = new JsonWriter().beginObject().field("channel", channel).beginArray("drivers");
        for (final AeronChannelCounters counters : drivers)
        {
            json.beginObject()
                .field("aeron_dir", counters.aeronDir())
                .field("aeron_channel", counters.channel())
                .field("stream_id", counters.streamId());
            object(json, "stream", counters.stream());
            object(json, "driver", counters.driver());
            json.endObject();
        }
        return json.endArray().endObject().toString() + "\n";
    }

    private static void object(final JsonWriter json, final String name, final Map<String, Long> values)
    {
        json.name(name).beginObject();
        values.forEach(json::field);
        json.endObject();
    }
}
