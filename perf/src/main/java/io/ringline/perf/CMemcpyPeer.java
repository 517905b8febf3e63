package io.ringline.perf;

import io.ringline.process.ChildProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The yardstick for large messages, in C: {@code memcpy.c} copies size-byte blocks into successive slots of a
 * ring-capacity buffer, like {@link MemcpyPeer}, and writes copies per second to a file in the run directory. Compiled
 * with {@link CProgram}, so skipped without a C compiler. {@link #runProducer(List)} is not used.
 */
public final class CMemcpyPeer implements ThroughputPeer
{
    /**
     * Name in the report.
     */
    public static final String NAME = "c-memcpy";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public double runConsumer(final BenchSession session) throws Exception
    {
        final BenchConfig config = session.config();
        final Path result = session.directory().resolve("memcpy.txt");
        try (CProgram binary = CProgram.compile("memcpy.c"))
        {
            final ChildProcess copy = session.startProgram(NAME, binary.command(List.of(
                Integer.toString(config.size()),
                Integer.toString(Math.max(config.ringCapacity(), config.size())),
                Long.toString(config.warmupNs()),
                Long.toString(config.measureNs()),
                result.toString())));
            session.awaitSuccess(copy);
        }

        return Double.parseDouble(Files.readString(result, StandardCharsets.US_ASCII).trim());
    }

    /**
     * Not used: the C program is started by {@link #runConsumer(BenchSession)}.
     *
     * @param args ignored.
     * @throws UnsupportedOperationException always.
     */
    public void runProducer(final List<String> args)
    {
        throw new UnsupportedOperationException("the C memcpy is a program of its own: name=" + NAME);
    }
}
