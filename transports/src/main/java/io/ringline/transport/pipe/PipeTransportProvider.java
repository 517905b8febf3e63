package io.ringline.transport.pipe;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;
import io.ringline.transport.os.PipeCapacity;
import io.ringline.transport.stream.FdByteStream;
import io.ringline.transport.stream.Framing;
import io.ringline.transport.stream.StreamPublisher;
import io.ringline.transport.stream.StreamSubscriber;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.Set;

/**
 * Anonymous pipes, the child's side: {@code pipe:stdout} publishes on this process's standard output and
 * {@code pipe:stdin} subscribes to its standard input, the ends that a parent using {@link PipeChild} holds. Opening
 * {@code pipe:stdout} points {@code System.out} at standard error, so that a stray {@code println} cannot break the
 * framing. Parameters: {@code max-msg} (default 65536), {@code framing} (ringline, raw, line).
 */
public final class PipeTransportProvider implements TransportProvider
{
    private static final Set<String> PARAMS = Set.of("max-msg", "framing");

    @Override
    public Set<String> schemes()
    {
        return Set.of("pipe");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        if (!"stdout".equals(uri.target()))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "': a pipe publisher writes pipe:stdout " +
                "(the parent starts the child with PipeChild and reads its standard output)");
        }
        System.out.flush();
        System.setOut(System.err);
        PipeCapacity.ensure(1, Framing.HEADER_LENGTH + Framing.maxMessageLength(uri) + 1); // not a pipe: left alone
        final FdByteStream stream = new FdByteStream(1, "pipe=stdout", true);
        return new StreamPublisher(uri.toString(), "pipe", () -> stream, Framing.from(uri), Framing.maxMessageLength(uri),
            ringline.conductor());
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        if (!"stdin".equals(uri.target()))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "': a pipe subscriber reads pipe:stdin " +
                "(the parent starts the child with PipeChild and writes its standard input)");
        }
        return new StreamSubscriber(uri.toString(), new FdByteStream(0, "pipe=stdin", true), Framing.from(uri),
            Framing.maxMessageLength(uri), new BackoffIdleStrategy());
    }

    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        return false; // an anonymous pipe has no name to remove
    }
}
