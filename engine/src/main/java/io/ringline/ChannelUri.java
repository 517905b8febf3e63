package io.ringline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed channel URI: {@code scheme:target?name=value&name=value}, for example {@code shm:orders?capacity=1m},
 * {@code file:/var/ringline/orders.ring}, {@code sysvshm:0x5249} or {@code tcp://127.0.0.1:9000}.
 *
 * <p>The scheme picks the transport; the target names the channel in that transport's terms; parameters tune it.
 * Parsing checks only the shape; each transport checks the parameters it knows with {@link #requireOnly(Set)} and the
 * typed getters, which name the URI and the parameter in their errors.
 */
public final class ChannelUri
{
    private static final int MAX_LENGTH = 4096;

    private final String uri;
    private final String scheme;
    private final String target;
    private final Map<String, String> params;

    private ChannelUri(final String uri, final String scheme, final String target, final Map<String, String> params)
    {
        this.uri = uri;
        this.scheme = scheme;
        this.target = target;
        this.params = params;
    }

    /**
     * Parses a channel URI.
     *
     * @param uri the text.
     * @return the parsed URI.
     * @throws IllegalArgumentException naming the URI and what is wrong with it.
     */
    public static ChannelUri parse(final String uri)
    {
        if (null == uri)
        {
            throw new IllegalArgumentException("channel URI is null");
        }
        if (uri.isEmpty() || uri.length() > MAX_LENGTH)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' length=" + uri.length() +
                " must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < uri.length(); i++)
        {
            final char c = uri.charAt(i);
            if (c < 0x21 || c > 0x7e)
            {
                throw new IllegalArgumentException("channel URI '" + printable(uri) + "' has a control, space or " +
                    "non-ASCII character at index " + i);
            }
        }

        final int colon = uri.indexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' has no scheme: expected scheme:target, " +
                "e.g. shm:orders");
        }
        final String scheme = uri.substring(0, colon);
        if (!isScheme(scheme))
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' scheme='" + scheme + "' must be a letter " +
                "followed by letters, digits, '+', '-' or '.'");
        }

        final int question = uri.indexOf('?', colon + 1);
        final String target = question < 0 ? uri.substring(colon + 1) : uri.substring(colon + 1, question);
        if (target.isEmpty())
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' has an empty target after '" + scheme + ":'");
        }

        final Map<String, String> params = new LinkedHashMap<>();
        if (question >= 0)
        {
            final String query = uri.substring(question + 1);
            if (query.isEmpty())
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' has an empty parameter list after '?'");
            }
            for (final String pair : query.split("&", -1))
            {
                final int equals = pair.indexOf('=');
                if (equals <= 0)
                {
                    throw new IllegalArgumentException("channel URI '" + uri + "' parameter '" + pair +
                        "' is not name=value");
                }
                final String name = pair.substring(0, equals);
                final String value = pair.substring(equals + 1);
                if (value.isEmpty() || value.indexOf('=') >= 0 || value.indexOf('?') >= 0)
                {
                    throw new IllegalArgumentException("channel URI '" + uri + "' parameter '" + name +
                        "' has a malformed value '" + value + "'");
                }
                if (null != params.put(name, value))
                {
                    throw new IllegalArgumentException("channel URI '" + uri + "' repeats parameter '" + name + "'");
                }
            }
        }

        return new ChannelUri(uri, scheme, target, Collections.unmodifiableMap(params));
    }

    /**
     * @return the scheme, which picks the transport.
     */
    public String scheme()
    {
        return scheme;
    }

    /**
     * @return the part between the scheme's colon and the '?' (e.g. {@code orders}, {@code /path},
     * {@code //host:port}).
     */
    public String target()
    {
        return target;
    }

    /**
     * @return the parameters in the order given.
     */
    public Map<String, String> params()
    {
        return params;
    }

    /**
     * @param name parameter name.
     * @return true when the URI sets it.
     */
    public boolean has(final String name)
    {
        return params.containsKey(name);
    }

    /**
     * Fails unless every parameter is one of those allowed.
     *
     * @param allowed the parameter names the transport knows.
     * @throws IllegalArgumentException naming the URI, the unknown parameter and the allowed ones.
     */
    public void requireOnly(final Set<String> allowed)
    {
        for (final String name : params.keySet())
        {
            if (!allowed.contains(name))
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' has unknown parameter '" + name +
                    "' for scheme '" + scheme + "' (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /**
     * @param name         parameter name.
     * @param defaultValue when absent.
     * @return the value or the default.
     */
    public String get(final String name, final String defaultValue)
    {
        return params.getOrDefault(name, defaultValue);
    }

    /**
     * A size in bytes, with an optional k, m or g suffix (powers of 1024).
     *
     * @param name         parameter name.
     * @param defaultValue when absent.
     * @param min          smallest accepted value.
     * @param max          largest accepted value.
     * @return the value.
     * @throws IllegalArgumentException naming the URI and the parameter.
     */
    public int size(final String name, final int defaultValue, final int min, final int max)
    {
        final String text = params.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        final long value = parseSize(text);
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter " + name + "=" + text +
                (value < 0 ? " is not a size (e.g. 4096, 64k, 1m)" : " must be in [" + min + ", " + max + "]"));
        }
        return (int)value;
    }

    /**
     * An integer, decimal or 0x-prefixed hexadecimal.
     *
     * @param name         parameter name.
     * @param defaultValue when absent.
     * @param min          smallest accepted value.
     * @param max          largest accepted value.
     * @return the value.
     */
    public int integer(final String name, final int defaultValue, final int min, final int max)
    {
        final String text = params.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        final long value = parseInteger(text);
        if (value == Long.MIN_VALUE || value < min || value > max)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter " + name + "=" + text +
                " must be an integer in [" + min + ", " + max + "]");
        }
        return (int)value;
    }

    /**
     * A boolean: true or false.
     *
     * @param name         parameter name.
     * @param defaultValue when absent.
     * @return the value.
     */
    public boolean bool(final String name, final boolean defaultValue)
    {
        final String text = params.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        if ("true".equals(text))
        {
            return true;
        }
        if ("false".equals(text))
        {
            return false;
        }
        throw new IllegalArgumentException("channel URI '" + uri + "' parameter " + name + "=" + text +
            " must be true or false");
    }

    /**
     * The {@code perm} parameter, the mode of every object a channel creates, for every kind of channel: three or four
     * octal digits that give the owner read and write and set no special bits (set-id, sticky).
     *
     * @return the mode, {@code 0600} (owner only) when absent.
     * @throws IllegalArgumentException naming the URI and the value otherwise.
     */
    public int perm()
    {
        final String text = params.getOrDefault("perm", "600");
        final int perm = text.matches("[0-7]{3,4}") ? Integer.parseInt(text, 8) : -1;
        if (perm < 0 || (perm & 0600) != 0600 || perm > 0777)
        {
            throw new IllegalArgumentException("channel URI '" + uri + "' parameter perm=" + text +
                " must be octal permission bits that give the owner read and write and set no special bits, " +
                "e.g. 600 or 660");
        }
        return perm;
    }

    /**
     * The {@code max-msg} parameter, the longest message of a channel, for every kind of channel: a size (e.g.
     * {@code 4096}, {@code 64k}) of at least 1 byte.
     *
     * @param defaultValue when absent.
     * @param max          the longest the transport can carry.
     * @return the value.
     * @throws IllegalArgumentException naming the URI and the value otherwise.
     */
    public int maxMsg(final int defaultValue, final int max)
    {
        return size("max-msg", defaultValue, 1, max);
    }

    /**
     * A comma-separated list of integers, e.g. {@code types=1,2,7}.
     *
     * @param name parameter name.
     * @return the values, or null when absent.
     */
    public int[] integers(final String name)
    {
        final String text = params.get(name);
        if (null == text)
        {
            return null;
        }
        final String[] parts = text.split(",", -1);
        final int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            final long value = parseInteger(parts[i]);
            if (value == Long.MIN_VALUE || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException("channel URI '" + uri + "' parameter " + name + "=" + text +
                    " must be a comma-separated list of integers; '" + parts[i] + "' is not one");
            }
            values[i] = (int)value;
        }
        return values;
    }

    /**
     * The same URI with every parameter removed except those named, in the given order.
     *
     * @param names parameters to keep.
     * @return e.g. {@code shm:orders} for {@code shm:orders?types=1} keeping nothing.
     */
    public String withOnly(final Set<String> names)
    {
        final StringBuilder builder = new StringBuilder(scheme).append(':').append(target);
        char separator = '?';
        for (final Map.Entry<String, String> entry : params.entrySet())
        {
            if (names.contains(entry.getKey()))
            {
                builder.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
                separator = '&';
            }
        }
        return builder.toString();
    }

    @Override
    public String toString()
    {
        return uri;
    }

    /**
     * Parses a size with an optional k/m/g suffix.
     *
     * @param text e.g. {@code 64k}.
     * @return bytes, or -1 when the text is not a size.
     */
    public static long parseSize(final String text)
    {
        if (text.isEmpty())
        {
            return -1;
        }
        final char last = Character.toLowerCase(text.charAt(text.length() - 1));
        final int shift = last == 'k' ? 10 : last == 'm' ? 20 : last == 'g' ? 30 : 0;
        final String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        if (digits.isEmpty() || digits.length() > 10)
        {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++)
        {
            if (!Character.isDigit(digits.charAt(i)))
            {
                return -1;
            }
        }
        final long value = Long.parseLong(digits);
        return value > (Long.MAX_VALUE >> shift) ? -1 : value << shift;
    }

    private static long parseInteger(final String text)
    {
        try
        {
            if (text.startsWith("0x") || text.startsWith("0X"))
            {
                return text.length() > 2 && text.length() <= 10 ? Long.parseLong(text.substring(2), 16) : Long.MIN_VALUE;
            }
            return text.length() <= 11 ? Long.parseLong(text) : Long.MIN_VALUE;
        }
        catch (final NumberFormatException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    private static boolean isScheme(final String scheme)
    {
        if (!Character.isLetter(scheme.charAt(0)) || scheme.charAt(0) > 'z')
        {
            return false;
        }
        for (int i = 1; i < scheme.length(); i++)
        {
            final char c = scheme.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' ||
                c == '.'))
            {
                return false;
            }
        }
        return true;
    }

    private static String printable(final String text)
    {
        final StringBuilder builder = new StringBuilder();
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            builder.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int)c));
        }
        return builder.toString();
    }
}
