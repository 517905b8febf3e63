package io.ringline.ring;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringline.ChannelUri;
import io.ringline.Ringline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Channel URIs come from command lines and configuration files: the parser and the ring's parameter checks may
 * throw only {@link IllegalArgumentException} with a message naming the URI, never a NullPointerException,
 * NumberFormatException or IndexOutOfBoundsException; what they accept keeps the documented limits (a fragmented
 * message of max-fragmented bytes fits in half the ring); and a parsed URI prints back to one that parses the same.
 *
 * <p>Regression inputs: {@code src/test/resources/io/ringline/ring/ChannelUriFuzzTestInputs/}.
 */
class ChannelUriFuzzTest
{
    private static final Ringline.Context CONTEXT = new Ringline.Context();
    private static final String[] NAMES = {
        "capacity", "max-msg", "max-fragmented", "subscribers", "publishers", "timestamps", "perm", "create", "wait",
        "wakeups", "types", "framing", "x"};

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({
        "shm:", "file:/", "sysvshm:0x", "?", "&", "=", "capacity=", "max-msg=", "max-fragmented=", "subscribers=",
        "publishers=", "types=", "wait=futex", "wakeups=", "perm=", "timestamps=true", "1g", "64k", "0x", ","})
    void parse(final FuzzedDataProvider input)
    {
        final String text = input.consumeRemainingAsAsciiString();
        final ChannelUri uri;
        try
        {
            uri = ChannelUri.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            assertTrue(ex.getMessage().startsWith("channel URI"), ex.getMessage());
            return;
        }

        assertEquals(text, uri.toString());
        final ChannelUri again = ChannelUri.parse(uri.withOnly(uri.params().keySet()));
        assertEquals(uri.scheme(), again.scheme());
        assertEquals(uri.target(), again.target());
        assertEquals(uri.params(), again.params());

        for (final String name : NAMES)
        {
            typed(uri, () -> uri.size(name, 1, 1, Integer.MAX_VALUE));
            typed(uri, () -> uri.integer(name, 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
            typed(uri, () -> uri.bool(name, false));
            typed(uri, () -> uri.integers(name));
        }
        typed(uri, () -> checkRing(RingParams.forSubscriber(uri, CONTEXT)));
        typed(uri, () -> checkRing(RingParams.forPublisher(uri, CONTEXT)));
        typed(uri, () -> uri.requireOnly(Set.of("capacity")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "shm:x?capacity=1g&max-msg=1&max-fragmented=1g", "shm:x?capacity=1g&max-msg=1&max-fragmented=128m",
        "shm:x?capacity=4k&max-msg=1&max-fragmented=4k"})
    void aFragmentedClaimThatOverflowsIsRejected(final String text)
    {
        final ChannelUri uri = ChannelUri.parse(text);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> RingParams.forPublisher(uri, CONTEXT));
        assertTrue(ex.getMessage().contains("takes more than half of capacity"), ex.getMessage());
    }

    private static void checkRing(final RingParams params)
    {
        assertTrue(params.maxMsgLength >= 1 &&
            RecordDescriptor.HEADER_LENGTH + (long)params.maxMsgLength <= params.capacity / 2, "max-msg");
        if (params.maxFragmentedLength != 0)
        {
            final long maxMsg = params.maxMsgLength;
            final long fullFragments = (params.maxFragmentedLength - 1) / maxMsg;
            final long last = params.maxFragmentedLength - fullFragments * maxMsg;
            final long claim = fullFragments * aligned(maxMsg) + aligned(last);
            assertTrue(claim <= params.capacity / 2, "accepted max-fragmented=" + params.maxFragmentedLength +
                " max-msg=" + maxMsg + " capacity=" + params.capacity + ": a claim of " + claim + " bytes");
        }
    }

    private static long aligned(final long payloadLength)
    {
        return (payloadLength + RecordDescriptor.HEADER_LENGTH + RecordDescriptor.ALIGNMENT - 1) &
            -RecordDescriptor.ALIGNMENT;
    }

    private static void typed(final ChannelUri uri, final Runnable parse)
    {
        try
        {
            parse.run();
        }
        catch (final IllegalArgumentException ex)
        {
            assertTrue(ex.getMessage().contains(uri.toString()), ex.getMessage());
        }
    }
}
