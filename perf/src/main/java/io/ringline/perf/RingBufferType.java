package io.ringline.perf;

import java.util.function.Function;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The Agrona ring buffers measured, each with its peer name. A ring lives in a {@code /dev/shm} file of
 * {@link #fileLength(int)} bytes: the data capacity followed by {@link RingBufferDescriptor#TRAILER_LENGTH}.
 */
public enum RingBufferType
{
    /**
     * {@link OneToOneRingBuffer}: one producer, plain stores on the tail.
     */
    ONE_TO_ONE("agrona-o2o-ring", OneToOneRingBuffer::new),

    /**
     * {@link ManyToOneRingBuffer}: producers claim with a compare-and-set on the tail.
     */
    MANY_TO_ONE("agrona-m2o-ring", ManyToOneRingBuffer::new);

    /**
     * Message type id written with every message; ring buffers reserve values below 1.
     */
    public static final int MSG_TYPE_ID = 1;

    private final String peerName;
    private final Function<AtomicBuffer, RingBuffer> factory;

    RingBufferType(final String peerName, final Function<AtomicBuffer, RingBuffer> factory)
    {
        this.peerName = peerName;
        this.factory = factory;
    }

    /**
     * @return the name of the peers measuring this type.
     */
    public String peerName()
    {
        return peerName;
    }

    /**
     * Views a buffer holding a ring of this type; does not reset it, so the other process sees the same state.
     *
     * @param buffer of {@link #fileLength(int)} bytes.
     * @return the ring.
     */
    public RingBuffer wrap(final AtomicBuffer buffer)
    {
        return factory.apply(buffer);
    }

    /**
     * @param capacity data bytes, a power of two.
     * @return bytes of a file holding the ring.
     */
    public static int fileLength(final int capacity)
    {
        return capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }
}
