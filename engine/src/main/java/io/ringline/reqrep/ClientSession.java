package io.ringline.reqrep;

import io.ringline.Publisher;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link Server} keeps for one client: the publisher on the client's reply channel, how many reply handles
 * for it are out, and a guard that lets one thread at a time send on the publisher (a publisher is one thread's).
 *
 * <p>The handles out are counted without an atomic on the polling thread: the server's thread counts those it hands
 * out and those released on it while it polls ({@link #taken}, {@link #releasedOnPollingThread}, plain); only a
 * handle released on another thread counts in an atomic.
 */
final class ClientSession
{
    final long clientId;
    final String replyChannel;
    final Publisher publisher;
    final int maxReplyLength;
    private final AtomicInteger releasedElsewhere = new AtomicInteger();
    private final AtomicInteger sending = new AtomicInteger();
    int taken;
    int releasedOnPollingThread;
    boolean dead;

    ClientSession(final long clientId, final String replyChannel, final Publisher publisher)
    {
        this.clientId = clientId;
        this.replyChannel = replyChannel;
        this.publisher = publisher;
        this.maxReplyLength = publisher.maxPayloadLength() - FrameDescriptor.HEADER_LENGTH;
    }

    /**
     * A handle released on a thread other than the polling one, after its last use of the publisher.
     */
    void releasedElsewhere()
    {
        releasedElsewhere.incrementAndGet();
    }

    /**
     * On the polling thread only.
     *
     * @return how many of this client's handles are out.
     */
    int outstanding()
    {
        return taken - releasedOnPollingThread - releasedElsewhere.get();
    }

    /**
     * @return whether this thread may send now; if so, {@link #endSend()} after.
     */
    boolean tryBeginSend()
    {
        return sending.compareAndSet(0, 1);
    }

    void endSend()
    {
        sending.lazySet(0); // a release store ends the critical section: no full fence needed
    }
}
