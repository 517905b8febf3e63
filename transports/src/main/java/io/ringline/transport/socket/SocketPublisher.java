package io.ringline.transport.socket;

import io.ringline.RinglineConductor;
import io.ringline.transport.stream.Framing;
import io.ringline.transport.stream.StreamPublisher;

/**
 * A publisher on a stream socket (Unix or TCP): a {@link StreamPublisher} that connects lazily through a
 * {@link SocketConnector}. While nobody listens, {@code offer} returns NOT_CONNECTED and the next one tries again;
 * once the subscriber has gone (EPIPE, reset), {@code offer} returns CLOSED from then on: open a new publisher to
 * reach a new subscriber.
 */
public final class SocketPublisher extends StreamPublisher
{
    private final SocketConnector connector;
    private final RinglineConductor conductor;

    /**
     * @param uri              the channel URI.
     * @param transport        {@code tcp} or {@code unix}, for messages.
     * @param connector        connects to the subscriber.
     * @param framing          how messages are delimited.
     * @param maxMessageLength the longest message.
     * @param conductor        runs the connector's duty (sending frame tails) until close.
     */
    public SocketPublisher(final String uri, final String transport, final SocketConnector connector,
        final Framing framing, final int maxMessageLength, final RinglineConductor conductor)
    {
        super(uri, transport, connector, framing, maxMessageLength, null); // SocketByteStream keeps its own tail
        this.connector = connector;
        this.conductor = conductor;
        conductor.add(connector);
    }

    /**
     * The longest frame of a message, for the connector's tail buffer.
     *
     * @param maxMessageLength the longest message.
     * @return frame header, message and a line framing's newline.
     */
    public static int maxFrameLength(final int maxMessageLength)
    {
        return Framing.HEADER_LENGTH + maxMessageLength + 1;
    }

    @Override
    public void close()
    {
        if (!isClosed())
        {
            conductor.remove(connector);
            super.close();
            connector.close();
        }
    }
}
