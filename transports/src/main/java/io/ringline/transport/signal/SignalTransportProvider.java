package io.ringline.transport.signal;

import io.ringline.ChannelUri;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.spi.TransportProvider;

import java.util.List;
import java.util.Set;

/**
 * Signals: {@code signal:PID?sig=USR1} notifies a process; {@code signal:self?sig=USR1} receives them.
 *
 * <p>What a signal can carry, measured on JDK 17 and 25 ({@code docs/transports-signals.md}): a publisher sends with
 * {@code sigqueue(3)}, so a receiver written in C ({@code sigwaitinfo}, {@code SA_SIGINFO}) gets the message's int in
 * {@code si_value}; a JVM receiver cannot read {@code siginfo} at all and sees only that a signal arrived. Standard
 * signals do not queue: two sent before the receiver handles the first arrive as one. So this transport notifies
 * ("something happened"); it does not deliver data, and it carries no message type (type must be 0).
 *
 * <p>The JVM refuses handlers for QUIT, ILL, FPE, KILL, SEGV and STOP and has no names for the real-time signals;
 * of the rest, Ringline accepts only those whose default action would not otherwise kill or stop the process by
 * surprise and that the JVM does not rely on: {@value #ALLOWED_TEXT}.
 */
public final class SignalTransportProvider implements TransportProvider
{
    static final List<String> ALLOWED = List.of("USR1", "USR2", "HUP", "WINCH", "URG");
    static final String ALLOWED_TEXT = "USR1, USR2, HUP, WINCH, URG";
    private static final Set<String> PARAMS = Set.of("sig");

    @Override
    public Set<String> schemes()
    {
        return Set.of("signal");
    }

    @Override
    public Publisher newPublisher(final ChannelUri uri, final boolean exclusive, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        final int pid = "self".equals(uri.target()) ? (int)ProcessHandle.current().pid() : pid(uri);
        return new SignalPublisher(uri.toString(), pid, signal(uri));
    }

    @Override
    public Subscriber newSubscriber(final ChannelUri uri, final Ringline ringline)
    {
        uri.requireOnly(PARAMS);
        if (!"self".equals(uri.target()) && pid(uri) != ProcessHandle.current().pid())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "': a signal subscriber receives the " +
                "signals of its own process: use signal:self?sig=NAME");
        }
        return new SignalSubscriber(uri.toString(), signal(uri));
    }

    @Override
    public boolean removeChannel(final ChannelUri uri, final Ringline ringline)
    {
        return false; // nothing to remove
    }

    static int pid(final ChannelUri uri)
    {
        try
        {
            final long pid = Long.parseLong(uri.target());
            if (pid > 0 && pid <= Integer.MAX_VALUE)
            {
                return (int)pid;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' pid '" + uri.target() +
            "' must be a positive process id, or self");
    }

    static SignalName signal(final ChannelUri uri)
    {
        final String name = uri.get("sig", "USR1").toUpperCase().replaceFirst("^SIG", "");
        if (!ALLOWED.contains(name))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter sig=" + uri.get("sig", "") +
                " is not allowed: use one of " + ALLOWED_TEXT + " (the JVM reserves QUIT, ILL, FPE, SEGV, BUS, " +
                "TRAP; KILL and STOP cannot be caught; INT, TERM and the rest would end or stop the process or " +
                "break the JVM's own use of them)");
        }
        return SignalName.valueOf(name);
    }
}
