package io.ringline.transport.mq;

import io.ringline.ChannelUri;
import io.ringline.os.Owner;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code mq:/name?...} URI: the queue name and the parameters, checked against the kernel's limits.
 * Every problem is an {@link IllegalArgumentException} naming the URI and the value.
 */
final class MqChannel
{
    /** Parameters the transport knows. */
    static final Set<String> PARAMS = Set.of("depth", "max-msg", "perm", "create", "unlink", Owner.ANY_OWNER);
    /** Longest name after the slash (Linux allows NAME_MAX = 255; Ringline keeps a margin). */
    static final int MAX_NAME_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("/[A-Za-z0-9_.-]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern DOTS = Pattern.compile("/\\.+");

    final String uri;
    final ChannelUri parsed;
    final String name;
    final int depth;
    final boolean depthGiven;
    final int maxMessageLength;
    final boolean maxMessageLengthGiven;
    final int perm;
    final boolean create;
    final boolean unlink;

    private MqChannel(final ChannelUri uri, final MqLimits limits)
    {
        this.uri = uri.toString();
        this.parsed = uri;
        this.name = name(uri);
        this.depthGiven = uri.has("depth");
        this.depth = limited(uri, "depth", limits.msgDefault(), limits.msgMax(), "msg_max", MqLimits.MSG_MAX_FILE);
        this.maxMessageLengthGiven = uri.has("max-msg");
        this.maxMessageLength = limited(uri, "max-msg", limits.msgsizeDefault(), limits.msgsizeMax(), "msgsize_max",
            MqLimits.MSGSIZE_MAX_FILE);
        this.perm = uri.perm();
        this.create = uri.bool("create", true);
        this.unlink = uri.bool("unlink", false);
    }

    /**
     * @param uri    parsed channel URI with scheme {@code mq}.
     * @param limits the kernel's limits.
     * @return the validated channel.
     */
    static MqChannel parse(final ChannelUri uri, final MqLimits limits)
    {
        return new MqChannel(uri, limits);
    }

    /**
     * Checks the parameter names and the queue name only (enough to remove a queue).
     *
     * @param uri parsed channel URI with scheme {@code mq}.
     * @return the queue name, e.g. {@code /orders}.
     */
    static String name(final ChannelUri uri)
    {
        uri.requireOnly(PARAMS);
        final String target = uri.target();
        if (!target.startsWith("/"))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' queue name '" + target +
                "' must start with '/', e.g. mq:/orders");
        }
        if (target.indexOf('/', 1) >= 0)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' queue name '" + target +
                "' must have no '/' after the first, e.g. mq:/orders");
        }
        if (!NAME.matcher(target).matches() || DOTS.matcher(target).matches())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' queue name '" + target +
                "' must be '/' then 1 to " + MAX_NAME_LENGTH + " of [A-Za-z0-9_.-], not only dots, " +
                "length=" + (target.length() - 1));
        }
        return target;
    }

    private static int limited(final ChannelUri uri, final String parameter, final int defaultValue,
        final int limit, final String limitName, final Path limitFile)
    {
        final int value = uri.size(parameter, defaultValue, 1, Integer.MAX_VALUE);
        if (value > limit)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter " + parameter + "=" + value +
                " exceeds " + limitName + "=" + limit + " (" + limitFile + ")");
        }
        return value;
    }

    @Override
    public String toString()
    {
        return "MqChannel{uri=" + uri + ", name=" + name + ", depth=" + depth + ", maxMessageLength=" +
            maxMessageLength + ", perm=" + Integer.toOctalString(perm) + ", create=" + create + ", unlink=" +
            unlink + "}";
    }
}
