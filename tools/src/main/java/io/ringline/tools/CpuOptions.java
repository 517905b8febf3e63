package io.ringline.tools;

import io.ringline.tools.latency.Placement;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --cpu N} and {@code --no-pin}, shared by {@code ping}, {@code pong} and {@code throughput}; each command adds
 * the option for its peer's CPU and resolves them together into a {@link Placement}.
 */
final class CpuOptions
{
    @Option(names = "--cpu", paramLabel = "N",
        description = "CPU of this process's measuring thread (default: the first CPU this process may use, when it " +
            "may use two or more).")
    Integer cpu;

    @Option(names = "--no-pin", description = "Pin nothing: leave both processes to the scheduler.")
    boolean noPin;

    /**
     * @param peerCpu the peer's CPU option, or null.
     * @param spec    the command, for a usage error.
     * @return where this process and its peer run.
     */
    Placement resolve(final Integer peerCpu, final CommandSpec spec)
    {
        try
        {
            return Placement.resolve(cpu, peerCpu, noPin);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }

    /**
     * @param spec the command, for a usage error.
     * @return where this process runs when it has no peer of its own ({@code pong}).
     */
    Placement resolveAlone(final CommandSpec spec)
    {
        try
        {
            return Placement.alone(cpu, noPin);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
