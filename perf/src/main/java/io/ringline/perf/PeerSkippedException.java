package io.ringline.perf;

/**
 * Thrown by a peer's harness side when the peer cannot run on this machine at all, e.g. a C reference peer with no
 * C compiler on the path. {@link io.ringline.perf.bench.BenchSuite} records the run as skipped, with the message as
 * the reason, and does not count it as a failure. Throw it before starting anything, so there is nothing to clean up.
 */
public final class PeerSkippedException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the peer cannot run, as {@code name=value} facts, e.g. {@code gcc not found: gcc=gcc}.
     */
    public PeerSkippedException(final String reason)
    {
        super(reason);
    }
}
