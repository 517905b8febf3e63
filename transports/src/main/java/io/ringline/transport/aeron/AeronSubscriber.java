package io.ringline.transport.aeron;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.spi.TransportSubscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import static io.ringline.transport.aeron.AeronFrameDescriptor.HEADER_LENGTH;
import static io.ringline.transport.aeron.AeronFrameDescriptor.TYPE_OFFSET;

/**
 * A subscriber on an Aeron subscription: fragments are reassembled by one {@link FragmentAssembler} made with the
 * subscriber, each whole message delivered without its {@link AeronFrameDescriptor} header, its type in the
 * {@link Header}. Aeron delivers in order and without loss per publication (it retransmits; a publication whose
 * subscriber falls too far behind is what Aeron's flow control holds back). The position is the last message's
 * Aeron position. {@code receive} waits with a back-off idle strategy; {@code poll} allocates nothing.
 */
public final class AeronSubscriber extends TransportSubscriber
{
    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final Header header = new Header();
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private MessageHandler handler;
    private int delivered;

    /**
     * @param uri          the channel URI, for messages.
     * @param subscription the Aeron subscription; closed with this subscriber.
     */
    public AeronSubscriber(final String uri, final Subscription subscription)
    {
        super(uri);
        this.subscription = subscription;
    }

    /**
     * Delivers waiting messages: reads at most {@code messageLimit} Aeron fragments, so delivers at most that many
     * messages.
     *
     * @param handler      called once per message.
     * @param messageLimit most fragments to read.
     * @return messages delivered.
     */
    @Override
    public int poll(final MessageHandler handler, final int messageLimit)
    {
        checkOpen();
        this.handler = handler;
        delivered = 0;
        subscription.poll(assembler, messageLimit);
        this.handler = null;
        return delivered;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header aeronHeader)
    {
        if (length < HEADER_LENGTH)
        {
            return; // not a Ringline message: someone else's publication on this stream
        }
        position = aeronHeader.position();
        header.set(buffer.getInt(offset + TYPE_OFFSET), position, 0, -1);
        delivered++;
        handler.onMessage(buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH, header);
    }

    @Override
    protected int pollBeforeWaiting(final MessageHandler handler, final int messageLimit)
    {
        idle.reset();
        return poll(handler, messageLimit);
    }

    @Override
    protected int await(final MessageHandler handler, final int messageLimit, final long deadlineNs)
    {
        final long endNs = System.nanoTime() + waitNs(deadlineNs);
        while (!closed)
        {
            final int received = poll(handler, messageLimit);
            if (received > 0 || System.nanoTime() - endNs >= 0)
            {
                return received;
            }
            idle.idle();
        }
        return 0;
    }

    /**
     * @return true while at least one publication is connected (Aeron has an image).
     */
    public boolean isConnected()
    {
        return !closed && subscription.isConnected();
    }

    @Override
    protected void onClose()
    {
        subscription.close();
    }

    @Override
    public String toString()
    {
        return "AeronSubscriber{channel=" + uri + ", aeron=" + subscription.channel() + ", stream=" +
            subscription.streamId() + ", images=" + subscription.imageCount() + ", position=" + position + "}";
    }
}
