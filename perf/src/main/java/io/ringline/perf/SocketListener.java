package io.ringline.perf;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Harness side of a {@link SocketTransport}: a bound server socket that accepts one child's connection within the
 * run's deadline. {@link #close()} closes the server socket and removes its socket file, if any; connections it
 * accepted stay open.
 */
public final class SocketListener implements AutoCloseable
{
    private static final long ACCEPT_POLL_MS = 1;

    private final SocketTransport transport;
    private final ServerSocketChannel server;
    private final String address;

    private SocketListener(final SocketTransport transport, final ServerSocketChannel server, final String address)
    {
        this.transport = transport;
        this.server = server;
        this.address = address;
    }

    /**
     * Binds a server socket.
     *
     * @param transport to listen on.
     * @param directory of the run, for a socket file.
     * @return the listener.
     * @throws IOException if it cannot be bound.
     */
    public static SocketListener open(final SocketTransport transport, final Path directory) throws IOException
    {
        final ServerSocketChannel server = transport.bind(directory);
        try
        {
            return new SocketListener(transport, server, transport.address(server));
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            throw ex;
        }
    }

    /**
     * @return the address a child passes to {@link SocketTransport#connect(String)}.
     */
    public String address()
    {
        return address;
    }

    /**
     * Waits, polling every millisecond, for one connection; for set-up, not for measurement.
     *
     * @param watchdog of the run: stops the wait at the deadline or if a child dies.
     * @return the connection, in blocking mode, configured for the transport.
     * @throws IOException          if accepting fails.
     * @throws InterruptedException if interrupted while waiting.
     */
    public SocketChannel accept(final Watchdog watchdog) throws IOException, InterruptedException
    {
        server.configureBlocking(false);
        SocketChannel channel;
        while ((channel = server.accept()) == null)
        {
            watchdog.check();
            Thread.sleep(ACCEPT_POLL_MS);
        }
        channel.configureBlocking(true);
        transport.configure(channel);

        return channel;
    }

    /**
     * Closes the server socket and removes its file.
     *
     * @throws IOException if either fails.
     */
    public void close() throws IOException
    {
        try
        {
            server.close();
        }
        finally
        {
            transport.unbind(address);
        }
    }
}
