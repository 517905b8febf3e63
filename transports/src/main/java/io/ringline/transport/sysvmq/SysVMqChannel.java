package io.ringline.transport.sysvmq;

import io.ringline.ChannelUri;
import io.ringline.os.Owner;

import java.util.Set;

/**
 * A validated {@code sysvmq:KEY?...} URI: the key and the parameters, checked against the kernel's limits. Every
 * problem is an {@link IllegalArgumentException} naming the URI and the value.
 */
final class SysVMqChannel
{
    /** Parameters the transport knows. */
    static final Set<String> PARAMS = Set.of("max-msg", "perm", "create", "unlink", "types", Owner.ANY_OWNER);

    final String uri;
    final ChannelUri parsed;
    final int key;
    final int maxMessageLength;
    final int perm;
    final boolean create;
    final boolean unlink;
    final SysVMqTypeSelection types;

    private SysVMqChannel(final ChannelUri uri, final SysVMqLimits limits)
    {
        this.uri = uri.toString();
        this.parsed = uri;
        this.key = key(uri);
        this.maxMessageLength = maxMessageLength(uri, limits);
        this.perm = uri.perm();
        this.create = uri.bool("create", true);
        this.unlink = uri.bool("unlink", false);
        this.types = SysVMqTypeSelection.of(uri);
    }

    /**
     * @param uri    parsed channel URI with scheme {@code sysvmq}.
     * @param limits the kernel's limits.
     * @return the validated channel.
     */
    static SysVMqChannel parse(final ChannelUri uri, final SysVMqLimits limits)
    {
        return new SysVMqChannel(uri, limits);
    }

    /**
     * Checks the parameter names and the key only (enough to remove a queue).
     *
     * @param uri parsed channel URI with scheme {@code sysvmq}.
     * @return the key.
     */
    static int key(final ChannelUri uri)
    {
        uri.requireOnly(PARAMS);
        final String target = uri.target();
        final long key;
        if (target.startsWith("0x") || target.startsWith("0X"))
        {
            key = target.length() > 2 && target.length() <= 10 && isDigits(target.substring(2), 16) ?
                Long.parseLong(target.substring(2), 16) : 0;
        }
        else
        {
            key = target.length() <= 10 && isDigits(target, 10) ? Long.parseLong(target) : 0;
        }
        if (key == 0 || key > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' key '" + target + "' must be a non-zero " +
                "32-bit key, decimal or 0x-prefixed hexadecimal (0 is IPC_PRIVATE), e.g. sysvmq:0x52490001");
        }
        return (int)key;
    }

    private static boolean isDigits(final String text, final int radix)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.digit(text.charAt(i), radix) < 0)
            {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static int maxMessageLength(final ChannelUri uri, final SysVMqLimits limits)
    {
        final int value = uri.maxMsg(limits.defaultMaxMessageLength(), Integer.MAX_VALUE);
        if (value > limits.msgmax())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter max-msg=" + value +
                " exceeds msgmax=" + limits.msgmax() + " (" + SysVMqLimits.MSGMAX_FILE + ")");
        }
        if (value > limits.msgmnb())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter max-msg=" + value +
                " exceeds msgmnb=" + limits.msgmnb() + ", the bytes a queue holds (" + SysVMqLimits.MSGMNB_FILE +
                "): such a message would never fit");
        }
        return value;
    }

    /**
     * @return the key as {@code ipcs -q} prints it.
     */
    String keyText()
    {
        return String.format("0x%08x", key);
    }

    @Override
    public String toString()
    {
        return "SysVMqChannel{uri=" + uri + ", key=" + keyText() + ", maxMessageLength=" + maxMessageLength +
            ", perm=" + Integer.toOctalString(perm) + ", create=" + create + ", unlink=" + unlink + ", types=" +
            types + "}";
    }
}
