package io.ringline.transport.socket;

import io.ringline.RinglineException;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

import org.agrona.CloseHelper;

/**
 * Waits for one non-blocking channel to become ready (readable, or a connection to accept) through a
 * {@link Selector} opened once. Waiting allocates nothing: ready keys go to a no-op consumer instead of the
 * selected-key set, whose every addition would allocate a map entry.
 *
 * <p>{@link #close()} may come from another thread: a wait in progress then returns false.
 */
public final class SelectorWaiter implements AutoCloseable
{
    private static final Consumer<SelectionKey> IGNORE = key -> { };

    private final Selector selector;

    /**
     * @param channel     a channel in non-blocking mode.
     * @param operations  {@link SelectionKey#OP_READ} or {@link SelectionKey#OP_ACCEPT}.
     * @param description for messages, e.g. {@code tcp=127.0.0.1:9000}.
     * @throws RinglineException when no selector can be opened.
     */
    public SelectorWaiter(final SelectableChannel channel, final int operations, final String description)
    {
        Selector opened = null;
        try
        {
            opened = Selector.open();
            channel.register(opened, operations);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(opened);
            throw new RinglineException(description + " could not open a selector: " + ex.getMessage(), ex);
        }
        this.selector = opened;
    }

    /**
     * Waits until the channel is ready or the timeout passes.
     *
     * @param timeoutNs longest wait; 0 or less checks without waiting.
     * @return true when the channel is ready.
     */
    public boolean await(final long timeoutNs)
    {
        try
        {
            if (timeoutNs <= 0)
            {
                return selector.selectNow(IGNORE) > 0;
            }
            final long timeoutMs = Math.max(1, timeoutNs / 1_000_000 + (timeoutNs % 1_000_000 == 0 ? 0 : 1));
            return selector.select(IGNORE, timeoutMs) > 0;
        }
        catch (final IOException | ClosedSelectorException ex)
        {
            return false;
        }
    }

    /**
     * Closes the selector. Idempotent.
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(selector);
    }
}
