package io.ringline.transport.signal;

/**
 * The signals the transport accepts, with their Linux numbers (x86-64 and aarch64 agree on these).
 */
enum SignalName
{
    /** SIGUSR1. */
    USR1(10),
    /** SIGUSR2. */
    USR2(12),
    /** SIGHUP. */
    HUP(1),
    /** SIGWINCH. */
    WINCH(28),
    /** SIGURG. */
    URG(23);

    final int number;

    SignalName(final int number)
    {
        this.number = number;
    }
}
