package io.ringline.transport.sysvmq;

import io.ringline.ChannelUri;

import java.util.Arrays;

/**
 * Which messages a subscriber takes, from its {@code types=} parameter, as {@code msgrcv} arguments:
 *
 * <ul>
 *     <li>no {@code types}: {@code msgtyp = 0}, the oldest message of any type (send order);</li>
 *     <li>one type {@code t}: {@code msgtyp = t + 1}, the oldest message of that type;</li>
 *     <li>types {@code 0..n} (every type from 0 up): {@code msgtyp = -(n + 1)}, one call that takes the oldest
 *         message of the lowest type present;</li>
 *     <li>any other set: one {@code msgrcv} per listed type, lowest type first, until one has a message; so again
 *         the oldest message of the lowest type present.</li>
 * </ul>
 *
 * With several types, then, a lower type is always received first and order holds only within a type. Messages of
 * other types stay in the queue for other readers.
 */
final class SysVMqTypeSelection
{
    private static final SysVMqTypeSelection ANY = new SysVMqTypeSelection(new long[] {0}, "any");

    private final long[] msgtypes;
    private final String description;

    private SysVMqTypeSelection(final long[] msgtypes, final String description)
    {
        this.msgtypes = msgtypes;
        this.description = description;
    }

    /**
     * @param uri the channel URI.
     * @return the selection its {@code types} parameter asks for.
     * @throws IllegalArgumentException naming the URI when a type is negative.
     */
    static SysVMqTypeSelection of(final ChannelUri uri)
    {
        final int[] types = uri.integers("types");
        if (null == types)
        {
            return ANY;
        }
        final int[] sorted = Arrays.stream(types).distinct().sorted().toArray();
        if (sorted[0] < 0)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter types=" + uri.get("types", "") +
                " has type=" + sorted[0] + ": System V types must be >= 0 (mtype = type + 1 must be > 0)");
        }
        if (sorted.length == 1)
        {
            return new SysVMqTypeSelection(new long[] {SysVMqDescriptor.mtype(sorted[0])}, "type " + sorted[0]);
        }
        if (sorted[0] == 0 && sorted[sorted.length - 1] == sorted.length - 1)
        {
            return new SysVMqTypeSelection(new long[] {-SysVMqDescriptor.mtype(sorted.length - 1)},
                "types 0.." + (sorted.length - 1) + ", lowest first");
        }
        final long[] msgtypes = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++)
        {
            msgtypes[i] = SysVMqDescriptor.mtype(sorted[i]);
        }
        return new SysVMqTypeSelection(msgtypes, "types " + Arrays.toString(sorted) + ", lowest first");
    }

    /**
     * @return the {@code msgtyp} arguments to try in turn for each message.
     */
    long[] msgtypes()
    {
        return msgtypes;
    }

    @Override
    public String toString()
    {
        return description;
    }
}
