package io.ringline.transport.pipe;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.RinglineException;
import io.ringline.process.ChildProcess;
import io.ringline.Subscriber;
import io.ringline.transport.os.PipeCapacity;
import io.ringline.transport.stream.FdByteStream;
import io.ringline.transport.stream.Framing;
import io.ringline.transport.stream.StreamPublisher;
import io.ringline.transport.stream.StreamSubscriber;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The parent's side of anonymous pipes: starts a child process (a JVM or any program) with a publisher on its standard
 * input and a subscriber on its standard output. The pipes are made with {@code pipe2(O_CLOEXEC)} and handed to the
 * child through {@code /proc/self/fd}, so the parent keeps plain non-blocking descriptors: {@code offer} never blocks
 * on a full pipe, it returns BACK_PRESSURED. The child's standard error goes to the parent's.
 *
 * <pre>{@code
 * try (PipeChild child = PipeChild.start(List.of("java", "-cp", cp, "my.Echo"), "max-msg=4096"))
 * {
 *     child.publisher().offer(buffer, 0, length, type);
 *     child.subscriber().receive(handler, 10);
 * }
 * }</pre>
 */
public final class PipeChild implements AutoCloseable
{
    private static final long EXIT_WAIT_MS = 5_000;

    private final ChildProcess child;
    private final StreamPublisher publisher;
    private final StreamSubscriber subscriber;

    private PipeChild(final ChildProcess child, final StreamPublisher publisher, final StreamSubscriber subscriber)
    {
        this.child = child;
        this.publisher = publisher;
        this.subscriber = subscriber;
    }

    /**
     * Starts a child.
     *
     * @param command the program and its arguments.
     * @param params  URI parameters for both directions, e.g. {@code max-msg=4096&framing=line}, or empty.
     * @return the running child, with both pipes connected.
     */
    public static PipeChild start(final List<String> command, final String params)
    {
        final ChannelUri toChild = ChannelUri.parse("pipe:stdin" + (params.isEmpty() ? "" : "?" + params));
        final ChannelUri fromChild = ChannelUri.parse("pipe:stdout" + (params.isEmpty() ? "" : "?" + params));
        final Framing framing = Framing.from(toChild);
        final int maxMessageLength = Framing.maxMessageLength(toChild);

        final int[] in = pipe();
        final int[] out = pipe();
        final ChildProcess child;
        try
        {
            child = ChildProcess.start(String.join(" ", command), new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/proc/self/fd/" + in[0])))
                .redirectOutput(ProcessBuilder.Redirect.to(new File("/proc/self/fd/" + out[1])))
                .redirectError(ProcessBuilder.Redirect.INHERIT));
        }
        catch (final UncheckedIOException ex)
        {
            for (final int fd : new int[] {in[0], in[1], out[0], out[1]})
            {
                Native.libc().close(fd);
            }
            throw new RinglineException("command=" + command + " could not be started: " + ex.getCause().getMessage(),
                ex);
        }
        finally
        {
            Native.libc().close(in[0]);
            Native.libc().close(out[1]);
        }

        PipeCapacity.ensure(in[1], Framing.HEADER_LENGTH + maxMessageLength + 1);
        PipeCapacity.ensure(out[0], Framing.HEADER_LENGTH + maxMessageLength + 1);
        final FdByteStream toChildStream = new FdByteStream(in[1], "pipe=child-stdin", true);
        final StreamPublisher publisher = new StreamPublisher(
            toChild.toString(), "pipe", () -> toChildStream, framing, maxMessageLength, null);
        final StreamSubscriber subscriber = new StreamSubscriber(fromChild.toString(),
            new FdByteStream(out[0], "pipe=child-stdout", true), framing, maxMessageLength, new BackoffIdleStrategy());
        return new PipeChild(child, publisher, subscriber);
    }

    private static int[] pipe()
    {
        final int[] fds = new int[2];
        if (Native.libc().pipe2(fds, Native.O_CLOEXEC) != 0)
        {
            throw new RinglineException("pipe could not be created: " + Native.describe(Native.errno()));
        }
        return fds;
    }

    /**
     * @return publishes on the child's standard input.
     */
    public Publisher publisher()
    {
        return publisher;
    }

    /**
     * @return subscribes to the child's standard output.
     */
    public Subscriber subscriber()
    {
        return subscriber;
    }

    /**
     * @return the child process.
     */
    public Process process()
    {
        return child.process();
    }

    /**
     * Closes both pipes (the child sees end of input) and waits up to five seconds for it to exit, then ends it
     * ({@link ChildProcess#stop(Process, long)}: SIGTERM, then SIGKILL). An interrupt while waiting kills the child at
     * once and is kept on the thread. A child never closed is ended when this JVM exits ({@link ChildProcess}).
     */
    @Override
    public void close()
    {
        publisher.close();
        try
        {
            ChildProcess.stop(child.process(), EXIT_WAIT_MS);
            child.close();
        }
        finally
        {
            subscriber.close();
        }
    }
}
