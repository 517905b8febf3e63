package io.ringline.transport.mq;

import io.ringline.os.Native;
import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;

import java.util.Set;

/**
 * POSIX message queues: {@code mq:/name}, where the name is '/' then 1 to 200 of {@code [A-Za-z0-9_.-]}.
 *
 * <pre>{@code
 * try (Ringline ringline = Ringline.connect();
 *      Subscriber subscriber = ringline.addSubscriber("mq:/orders?depth=10&max-msg=1024");
 *      Publisher publisher = ringline.addPublisher("mq:/orders?depth=10&max-msg=1024"))
 * {
 *     publisher.offer(message, 0, 8, 5);                  // type 5 = priority 5
 *     subscriber.receive(handler, 10, 1_000_000_000L);   // waits up to 1 s
 *     ringline.removeChannel("mq:/orders");               // mq_unlink
 * }
 * }</pre>
 *
 * <p>Parameters: {@code depth} (mq_maxmsg, at most /proc/sys/fs/mqueue/msg_max, default msg_default),
 * {@code max-msg} (mq_msgsize, at most msgsize_max, default msgsize_default), {@code perm} (octal, default 600, set
 * with {@code fchmod} after creation so the umask cannot change it), {@code create} (default true), {@code unlink}
 * (default false: when true, the process that created the queue unlinks it on close). An existing queue whose depth
 * or max-msg differ from those the URI gives explicitly is refused, naming both.
 *
 * <p>The type of a message is its mq priority, 0 to 32767: a reader receives the highest priority first, so messages
 * of different types do not keep their order. Each message goes to one reader. See docs/transports-queues.md.
 */
public final class MqTransportProvider implements TransportProvider
{
    @Override
    public Set<String> schemes()
    {
        return Set.of("mq");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        final MqChannel channel = MqChannel.parse(uri, MqLimits.read());
        return new MqPublisher(uri.toString(), MqQueue.open(channel, Native.O_WRONLY));
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        final MqChannel channel = MqChannel.parse(uri, MqLimits.read());
        return new MqSubscriber(uri.toString(), MqQueue.open(channel, Native.O_RDONLY));
    }

    /**
     * Unlinks the queue's name ({@code mq_unlink}); processes that have it open keep using it until they close it.
     *
     * @return true when the name existed.
     */
    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        final String name = MqChannel.name(uri);
        if (Native.libc().mq_unlink(name) == 0)
        {
            return true;
        }
        final int errno = Native.errno();
        if (errno == Native.ENOENT)
        {
            return false;
        }
        throw new RinglineException("channel=" + uri + " queue=" + name + " could not be unlinked: " +
            Native.describe(errno));
    }
}
