package io.ringline.ring;

/**
 * Switches that each take one piece out of the ring's hot path, for the attribution runs of docs/perf.md
 * ("Ablations") and nothing else. Each is a system property read once into a constant the JIT folds, so with every
 * switch off, the default, the compiled hot path is the code without the switch. Turning one on gives up what that
 * piece is for (named below): never in production.
 *
 * <p>An attribution run switches one on in every JVM of a benchmark, harness, children and driver alike, through
 * the environment: {@code JAVA_TOOL_OPTIONS=-Dringline.ablate.tailStore=true ./ringline bench ...}.
 *
 * <table>
 * <caption>Switches (system properties, default false)</caption>
 * <tr><th>property</th><th>what goes</th><th>what is given up</th></tr>
 * <tr><td>{@code ringline.ablate.claimRecord}</td><td>the exclusive publisher's two stores of its claimed range into
 * its slot</td><td>unblocking readers after the publisher dies mid-claim</td></tr>
 * <tr><td>{@code ringline.ablate.tailStore}</td><td>the exclusive publisher's release store of the channel's tail
 * per claim</td><td>a late subscriber's start at the end; the tail {@code stat} shows</td></tr>
 * <tr><td>{@code ringline.ablate.stateCheck}</td><td>the subscriber's acquire load of its slot's state word per
 * poll</td><td>noticing its own eviction</td></tr>
 * <tr><td>{@code ringline.ablate.timestampWord}</td><td>the store of the zero timestamp word when timestamps are
 * off</td><td>nothing a reader sees while timestamps are off (the word keeps a stale value)</td></tr>
 * </table>
 */
final class Ablations
{
    /** The exclusive publisher does not record its claim in its slot. */
    static final boolean SKIP_CLAIM_RECORD = Boolean.getBoolean("ringline.ablate.claimRecord");
    /** The exclusive publisher does not store the tail per claim. */
    static final boolean SKIP_TAIL_STORE = Boolean.getBoolean("ringline.ablate.tailStore");
    /** The subscriber does not check its slot's state word per poll. */
    static final boolean SKIP_STATE_CHECK = Boolean.getBoolean("ringline.ablate.stateCheck");
    /** Commits do not write the timestamp word when timestamps are off. */
    static final boolean SKIP_TIMESTAMP_WORD = Boolean.getBoolean("ringline.ablate.timestampWord");

    private Ablations()
    {
    }
}
