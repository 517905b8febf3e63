package io.ringline.tools.inspect;

/**
 * One occupied publisher or subscriber slot of a channel, as a tool sees it.
 *
 * @param slot           slot index.
 * @param state          "active" or "claimed" (registering).
 * @param pid            the owner's pid.
 * @param alive          the owner's process runs (same pid and start time, not a zombie).
 * @param heartbeatAgeMs milliseconds since the owner's last heartbeat.
 * @param position       a subscriber's position (next byte to read); a publisher's last claim end.
 * @param lag            a subscriber's distance behind the tail in bytes; 0 for a publisher.
 * @param mode           a publisher's mode ("exclusive" or "concurrent"); null for a subscriber.
 */
public record PeerStatus(
    int slot, String state, long pid, boolean alive, long heartbeatAgeMs, long position, long lag, String mode)
{
    /**
     * @param livenessTimeoutMs the engine's liveness timeout.
     * @return "alive", "dead" (process gone) or "stale" (process runs but its heartbeat is older than the timeout).
     */
    public String status(final long livenessTimeoutMs)
    {
        return !alive ? "dead" : heartbeatAgeMs > livenessTimeoutMs ? "stale" : "alive";
    }
}
