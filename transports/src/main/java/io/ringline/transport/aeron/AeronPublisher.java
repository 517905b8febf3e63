package io.ringline.transport.aeron;

import io.aeron.Publication;
import io.ringline.BufferClaim;
import io.ringline.spi.TransportPublisher;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringline.transport.aeron.AeronFrameDescriptor.HEADER_LENGTH;
import static io.ringline.transport.aeron.AeronFrameDescriptor.TYPE_OFFSET;

/**
 * A publisher on an Aeron publication (exclusive when the caller is the only writer): every message is sent as one
 * Aeron message, the {@link AeronFrameDescriptor} header then the payload, fragmented and reassembled by Aeron above
 * its MTU. {@code offer} gathers header and payload without copying them first; {@code tryClaim} claims in Aeron's
 * term (up to Aeron's max payload, one MTU, less the header). The position is Aeron's.
 *
 * <p>Results map onto {@link io.ringline.Publisher}'s codes as they are: Aeron's NOT_CONNECTED, BACK_PRESSURED,
 * ADMIN_ACTION and CLOSED have the same names and values (-1 to -4); MAX_POSITION_EXCEEDED (the publication's stream
 * is used up: it must be closed and added again) is returned as CLOSED.
 */
public final class AeronPublisher extends TransportPublisher
{
    private final Publication publication;
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(new byte[HEADER_LENGTH]);
    private final io.aeron.logbuffer.BufferClaim aeronClaim = new io.aeron.logbuffer.BufferClaim();

    /**
     * @param uri         the channel URI, for messages.
     * @param publication the Aeron publication; closed with this publisher.
     */
    public AeronPublisher(final String uri, final Publication publication)
    {
        super(uri, publication.maxPayloadLength() - HEADER_LENGTH, "Aeron max payload (mtu) less the header",
            publication.maxMessageLength() - HEADER_LENGTH, "Aeron max message (term-length / 8) less the header");
        this.publication = publication;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final int type)
    {
        checkOffer(buffer, offset, length);
        headerBuffer.putInt(TYPE_OFFSET, type);
        return result(publication.offer(headerBuffer, 0, HEADER_LENGTH, buffer, offset, length));
    }

    @Override
    public long tryClaim(final int length, final int type, final BufferClaim claim)
    {
        checkClaim(length);
        final long result = publication.tryClaim(HEADER_LENGTH + length, aeronClaim);
        if (result > 0)
        {
            final MutableDirectBuffer termBuffer = aeronClaim.buffer();
            termBuffer.putInt(aeronClaim.offset() + TYPE_OFFSET, type);
            claim.wrap(termBuffer, aeronClaim.offset() + HEADER_LENGTH, length, type, result, this);
        }
        return result(result);
    }

    @Override
    public void commit(final BufferClaim claim)
    {
        aeronClaim.commit();
    }

    @Override
    public void abort(final BufferClaim claim)
    {
        aeronClaim.abort();
    }

    private long result(final long result)
    {
        if (result > 0)
        {
            position = result;
            return result;
        }
        return result == Publication.MAX_POSITION_EXCEEDED ? CLOSED : result;
    }

    @Override
    public boolean isConnected()
    {
        return !closed && publication.isConnected();
    }

    /**
     * @return the Aeron session id of this publication (what the subscriber's image is keyed by).
     */
    public int sessionId()
    {
        return publication.sessionId();
    }

    @Override
    protected void onClose()
    {
        publication.close();
    }

    @Override
    public String toString()
    {
        return "AeronPublisher{channel=" + uri + ", aeron=" + publication.channel() + ", stream=" +
            publication.streamId() + ", session=" + publication.sessionId() + ", position=" + position + "}";
    }
}
