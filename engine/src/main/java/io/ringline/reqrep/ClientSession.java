package io.ringline.reqrep;

import io.ringline.Publisher;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link Server} keeps for one client: the publisher on the client's reply channel, how many reply handles
 * for it are out, and a guard that lets one thread at a time send on the publisher (a publisher is one thread's).
 */
final class ClientSession
{
    final long clientId;
    final String replyChannel;
    final Publisher publisher;
    final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger sending = new AtomicInteger();
    boolean dead;

    ClientSession(final long clientId, final String replyChannel, final Publisher publisher)
    {
        this.clientId = clientId;
        this.replyChannel = replyChannel;
        this.publisher = publisher;
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
        sending.set(0);
    }
}
