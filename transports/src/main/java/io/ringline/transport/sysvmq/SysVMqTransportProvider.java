package io.ringline.transport.sysvmq;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;

import java.util.Set;

/**
 * System V message queues: {@code sysvmq:KEY}, the key decimal or 0x-prefixed hexadecimal, non-zero.
 *
 * <pre>{@code
 * try (Ringline ringline = Ringline.connect();
 *      Subscriber onlyType2 = ringline.addSubscriber("sysvmq:0x52490001?types=2");
 *      Publisher publisher = ringline.addPublisher("sysvmq:0x52490001"))
 * {
 *     publisher.offer(message, 0, 8, 2);                  // sent with mtype 3
 *     onlyType2.receive(handler, 10, 1_000_000_000L);
 *     ringline.removeChannel("sysvmq:0x52490001");        // msgctl IPC_RMID
 * }
 * }</pre>
 *
 * <p>Parameters: {@code max-msg} (at most /proc/sys/kernel/msgmax and msgmnb; default the smallest of 8192 and
 * those), {@code perm} (octal, default 600), {@code create} (default true), {@code unlink} (default false: when true,
 * the creator removes the queue on close), {@code types} (subscribers: which types to take, see
 * {@link SysVMqTypeSelection}; publishers ignore it so one URI serves both ends).
 *
 * <p>Message type t travels as mtype t + 1 (System V needs mtype &gt; 0), so types are 0 and up. The queue is a shared
 * work queue: each message goes to one reader. See docs/transports-queues.md.
 */
public final class SysVMqTransportProvider implements TransportProvider
{
    @Override
    public Set<String> schemes()
    {
        return Set.of("sysvmq");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        final SysVMqChannel channel = SysVMqChannel.parse(uri, SysVMqLimits.read());
        return new SysVMqPublisher(uri.toString(), SysVMqQueue.open(channel, true));
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        final SysVMqChannel channel = SysVMqChannel.parse(uri, SysVMqLimits.read());
        return new SysVMqSubscriber(uri.toString(), SysVMqQueue.open(channel, false),
            ringline.context().idleStrategySupplier().get());
    }

    /**
     * Removes the queue with the URI's key ({@code msgctl IPC_RMID}): its messages are discarded, and its publishers
     * and subscribers see CLOSED and end of stream.
     *
     * @return true when a queue was removed.
     */
    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        return SysVMqQueue.remove(uri.toString(), SysVMqChannel.key(uri));
    }
}
