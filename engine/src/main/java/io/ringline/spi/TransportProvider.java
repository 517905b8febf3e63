package io.ringline.spi;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;

import java.util.Set;

/**
 * A transport: the mechanism behind one or more URI schemes. Ringline finds providers with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.ringline.spi.TransportProvider}) and keeps one instance
 * of each per {@link Ringline}, so a provider may hold per-instance state such as open channels. Adding a transport
 * touches no other transport.
 */
public interface TransportProvider
{
    /**
     * @return the URI schemes this transport serves, e.g. {@code shm}, {@code file}, {@code sysvshm}.
     */
    Set<String> schemes();

    /**
     * Opens a publisher.
     *
     * @param uri       parsed channel URI with one of {@link #schemes()}.
     * @param exclusive true when the caller promises to be the channel's only writer.
     * @param ringline  the owning instance: context and conductor.
     * @return an open publisher.
     */
    Publisher newPublisher(ChannelUri uri, boolean exclusive, Ringline ringline);

    /**
     * Opens a subscriber.
     *
     * @param uri      parsed channel URI with one of {@link #schemes()}.
     * @param ringline the owning instance: context and conductor.
     * @return an open subscriber.
     */
    Subscriber newSubscriber(ChannelUri uri, Ringline ringline);

    /**
     * Removes the channel's operating-system object (file, segment, queue...), if it exists.
     *
     * @param uri      parsed channel URI with one of {@link #schemes()}.
     * @param ringline the owning instance.
     * @return true when something was removed.
     */
    boolean removeChannel(ChannelUri uri, Ringline ringline);

    /**
     * Releases whatever the provider still holds when its {@link Ringline} closes.
     */
    default void close()
    {
    }
}
