package io.ringline.bridge;

import io.ringline.Forwarder;
import io.ringline.Header;
import io.ringline.MessageHandler;
import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static io.ringline.bridge.BridgeSequenceDescriptor.HEADER_LENGTH;
import static io.ringline.bridge.BridgeSequenceDescriptor.SEQUENCE_OFFSET;

/**
 * Forwards every message of one Ringline channel to another, any scheme to any scheme, keeping its type, its bytes
 * and its order (a long message goes as one message; each side fragments as it does). A side whose scheme is
 * {@code aeron} is the network side: the bridge puts a {@link BridgeSequenceDescriptor} word in front of what it
 * sends there and checks the word on what it receives from there, telling its {@link GapListener} of every break.
 *
 * <p><b>Back-pressure</b>: a message the destination does not take (BACK_PRESSURED, NOT_CONNECTED, ADMIN_ACTION) is
 * offered again by the engine's {@link Forwarder} (with a stop policy that counts and reports it), and the source is not read meanwhile, so a full destination holds the source's publishers back.
 * Nothing is dropped silently: a message longer than the destination takes, or one in hand when the bridge is
 * stopped, is counted {@link #lost()} and reported.
 *
 * <p><b>Guarantee</b>: while both bridges of a network hop run, every message arrives once and in order (Aeron
 * retransmits, the bridges retry). When the receiving bridge restarts, it reports {@code joined} with the first
 * sequence it sees: the messages before it that its previous run did not deliver are lost, and reported as at most
 * that many. A sending bridge with a state file ({@link BridgeStateDescriptor}) that restarts resumes its epoch,
 * sequence and ring source position: the receiver drops what is sent twice and reports what the killed run's
 * driver never delivered as an exact {@code gap}. Without a state file (or when the source cannot be resumed) its
 * new epoch is reported as {@code sender-restart} with the count unknown (-1). Gaps are always reported, never silent.
 * See docs/scale-out.md.
 *
 * <p>Not thread-safe: run {@link #doWork()} from one thread. The counters may be read from any.
 */
public final class Bridge implements AutoCloseable
{
    private static final int MESSAGES_PER_POLL = 64;
    /** Sources a restarted bridge resumes at a position ({@code from=}): the rings. */
    private static final Set<String> RESUMABLE_SCHEMES = Set.of("shm", "file", "sysvshm");

    private final Subscriber source;
    private final Publisher destination;
    private final boolean sequencedIn;
    private final boolean sequencedOut;
    private final GapListener gapListener;
    private final UnsafeBuffer staging;
    private final BridgeState state;
    private final int epoch;
    private long resumedAt = -1;
    private final MessageHandler handler = this::forward;
    private final Forwarder forwarder;
    private BooleanSupplier running = () -> true;
    private long nextOutSequence;
    private int inEpoch;
    private long nextInSequence;
    private volatile long tooLong;
    private volatile long gaps;

    /**
     * Opens both ends on the instance (closed with the bridge).
     *
     * @param ringline    the instance.
     * @param from        channel read.
     * @param to          channel written (an exclusive publisher).
     * @param gapListener told of every break in the received sequence, of too-long and of abandoned messages.
     */
    public Bridge(final Ringline ringline, final String from, final String to, final GapListener gapListener)
    {
        this(ringline, from, to, gapListener, null);
    }

    /**
     * Opens both ends on the instance (closed with the bridge); a sending bridge with a state file resumes where its
     * previous run stopped: same epoch, its next sequence, and (for a ring source) the source position after the last
     * message it forwarded. When the source cannot be resumed there (overwritten, or not a ring), it starts a new
     * epoch at the source's tail and reports {@code not-resumed} (the receiver then reports {@code sender-restart}).
     *
     * @param ringline    the instance.
     * @param from        channel read.
     * @param to          channel written (an exclusive publisher), an {@code aeron:} one when {@code stateFile} is given.
     * @param gapListener told of every break in the received sequence, of too-long and of abandoned messages.
     * @param stateFile   the sending bridge's {@link BridgeStateDescriptor} file, created when missing; null for none
     *                    (a random epoch per run).
     */
    public Bridge(
        final Ringline ringline, final String from, final String to, final GapListener gapListener,
        final Path stateFile)
    {
        this.gapListener = gapListener;
        this.sequencedIn = isNetwork(from);
        this.sequencedOut = isNetwork(to);
        if (null != stateFile && !sequencedOut)
        {
            throw new IllegalArgumentException("a bridge state file is for a bridge sending to an aeron: channel, to=" +
                to + " state=" + stateFile);
        }
        this.state = null == stateFile ? null : BridgeState.open(stateFile);
        try
        {
            this.destination = ringline.addExclusivePublisher(to);
        }
        catch (final RuntimeException ex)
        {
            closeState();
            throw ex;
        }
        try
        {
            this.source = openSource(ringline, from);
        }
        catch (final RuntimeException ex)
        {
            destination.close();
            closeState();
            throw ex;
        }
        this.epoch = null == state ? 1 + ThreadLocalRandom.current().nextInt(0xFFFF) : state.epoch();
        this.nextOutSequence = null == state ? 0 : state.nextSequence();
        this.staging = new UnsafeBuffer(new byte[destination.maxMessageLength()]);
        this.forwarder = new Forwarder(destination, this::isRunning, (publisher, result, sourcePosition) ->
            gapListener.onGap("stopped", epoch, nextOutSequence, nextOutSequence, 1));
    }

    /**
     * @return the source, at the state's checkpoint when there is one and the source can resume there, else at its
     * tail (after starting a new epoch when a checkpoint could not be resumed).
     */
    private Subscriber openSource(final Ringline ringline, final String from)
    {
        if (null == state || !state.hasCheckpoint())
        {
            return ringline.addSubscriber(from);
        }
        final long position = state.sourcePosition();
        final String scheme = from.substring(0, Math.max(0, from.indexOf(':')));
        String why = "source scheme=" + scheme + " cannot be resumed at a position";
        if (RESUMABLE_SCHEMES.contains(scheme))
        {
            try
            {
                final Subscriber resumed = ringline.addSubscriber(
                    from + (from.contains("?") ? "&" : "?") + "from=" + position);
                resumedAt = position;
                return resumed;
            }
            catch (final RuntimeException ex)
            {
                why = ex.getMessage();
            }
        }
        final long nextSequence = state.nextSequence();
        final int oldEpoch = state.epoch();
        state.newEpoch();
        gapListener.onGap("not-resumed", oldEpoch, nextSequence, 0, -1);
        System.err.println("bridge " + state + " not resumed: " + why);
        return ringline.addSubscriber(from);
    }

    private void closeState()
    {
        if (null != state)
        {
            state.close();
        }
    }

    private boolean isRunning()
    {
        return running.getAsBoolean();
    }

    private static boolean isNetwork(final String channel)
    {
        return channel.startsWith("aeron:");
    }

    /**
     * Forwards what the source has, up to {@value #MESSAGES_PER_POLL} messages, each retried until the destination
     * takes it or {@code running} turns false.
     *
     * @return messages read from the source.
     */
    public int doWork()
    {
        return source.poll(handler, MESSAGES_PER_POLL);
    }

    /**
     * Runs until {@code running} turns false, backing off while there is nothing to forward.
     *
     * @param running checked between polls and while a message is retried.
     */
    public void run(final BooleanSupplier running)
    {
        this.running = running;
        final IdleStrategy idle = new BackoffIdleStrategy();
        while (running.getAsBoolean())
        {
            idle.idle(doWork());
        }
    }

    private void forward(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        int payloadOffset = offset;
        int payloadLength = length;
        if (sequencedIn)
        {
            if (length < HEADER_LENGTH || !checkSequence(buffer.getLong(offset + SEQUENCE_OFFSET)))
            {
                return;
            }
            payloadOffset += HEADER_LENGTH;
            payloadLength -= HEADER_LENGTH;
        }
        final int outHeader = sequencedOut ? HEADER_LENGTH : 0;
        if (payloadLength + outHeader > staging.capacity() || payloadLength + outHeader < 1)
        {
            tooLong++;
            gapListener.onGap("too-long", epoch, nextOutSequence, nextOutSequence, 1);
            checkpoint(header);
            return;
        }
        // Staged only to put the sequence word in front; otherwise offered straight from the source's buffer.
        DirectBuffer out = buffer;
        int outOffset = payloadOffset;
        if (sequencedOut)
        {
            staging.putLong(SEQUENCE_OFFSET, BridgeSequenceDescriptor.word(epoch, nextOutSequence));
            staging.putBytes(outHeader, buffer, payloadOffset, payloadLength);
            out = staging;
            outOffset = 0;
        }
        if (forwarder.forward(out, outOffset, outHeader + payloadLength, header.type(), header.position()) >= 0)
        {
            nextOutSequence++;
            checkpoint(header);
        }
    }

    private void checkpoint(final Header header)
    {
        if (null != state)
        {
            state.checkpoint(nextOutSequence, header.position());
        }
    }

    /**
     * @return true to forward the message, false to drop a duplicate.
     */
    private boolean checkSequence(final long word)
    {
        final int wordEpoch = BridgeSequenceDescriptor.epoch(word);
        final long sequence = BridgeSequenceDescriptor.sequence(word);
        if (wordEpoch != inEpoch)
        {
            if (0 != inEpoch)
            {
                gaps++;
                gapListener.onGap("sender-restart", wordEpoch, nextInSequence, sequence, -1);
            }
            if (sequence != 0)
            {
                gaps++;
                gapListener.onGap("joined", wordEpoch, 0, sequence, sequence);
            }
            inEpoch = wordEpoch;
        }
        else if (sequence > nextInSequence)
        {
            gaps++;
            gapListener.onGap("gap", wordEpoch, nextInSequence, sequence, sequence - nextInSequence);
        }
        else if (sequence < nextInSequence)
        {
            gaps++;
            gapListener.onGap("duplicate", wordEpoch, nextInSequence, sequence, 0);
            return false;
        }
        nextInSequence = sequence + 1;
        return true;
    }

    /**
     * @return messages written to the destination.
     */
    public long forwarded()
    {
        return forwarder.forwarded();
    }

    /**
     * @return offers the destination answered BACK_PRESSURED (each retried).
     */
    public long backPressured()
    {
        return forwarder.backPressured();
    }

    /**
     * @return messages taken from the source and not forwarded (too long for the destination, or in hand at stop).
     */
    public long lost()
    {
        return tooLong + forwarder.givenUp();
    }

    /**
     * @return breaks reported in the received sequence (gaps, joins, sender restarts, duplicates).
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return the source position this bridge resumed at from its state file, or -1 when it joined at the tail.
     */
    public long resumedAt()
    {
        return resumedAt;
    }

    /**
     * @return the epoch this bridge sends with (used only when it sends to an aeron: channel).
     */
    public int epoch()
    {
        return epoch;
    }

    /**
     * Closes both ends (and the state file).
     */
    @Override
    public void close()
    {
        source.close();
        destination.close();
        closeState();
    }

    @Override
    public String toString()
    {
        return "Bridge{from=" + source.channel() + ", to=" + destination.channel() + ", forwarded=" + forwarded() +
            ", backPressured=" + backPressured() + ", lost=" + lost() + ", gaps=" + gaps + "}";
    }
}
