package io.ringline.perf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Settings of one benchmark invocation. Each is read from the system property {@code ringline.perf.<key>}, and a
 * command line argument {@code <key>=<value>} (or {@code --<key>=<value>}) overrides it.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>rounds</td><td>3</td><td>times every peer is run, interleaved; the report shows medians over rounds</td></tr>
 * <tr><td>count</td><td>100000</td><td>measured round trips per run</td></tr>
 * <tr><td>warmup</td><td>20000</td><td>round trips per run before measuring</td></tr>
 * <tr><td>seconds</td><td>3</td><td>measured seconds of a throughput run</td></tr>
 * <tr><td>warmupSeconds</td><td>1</td><td>seconds a throughput producer sends before measuring</td></tr>
 * <tr><td>size</td><td>32</td><td>message payload bytes, at least 8 (the sequence number)</td></tr>
 * <tr><td>ringCapacity</td><td>1048576</td><td>data bytes of each ring buffer, a power of two</td></tr>
 * <tr><td>timeoutSeconds</td><td>120</td><td>longest a single run may take before it is failed</td></tr>
 * <tr><td>peers</td><td>(all)</td><td>comma-separated peer names to run</td></tr>
 * <tr><td>pin</td><td>none</td><td>none, split or same: see {@link CpuPinning}</td></tr>
 * </table>
 */
public final class BenchConfig
{
    /**
     * Prefix of every system property read here.
     */
    public static final String PROP_PREFIX = "ringline.perf.";

    private static final Map<String, String> DEFAULTS = defaults();

    private final int rounds;
    private final long count;
    private final long warmup;
    private final int seconds;
    private final int warmupSeconds;
    private final int size;
    private final int ringCapacity;
    private final int timeoutSeconds;
    private final List<String> peers;
    private final String pin;

    private BenchConfig(final Map<String, String> values)
    {
        rounds = positiveInt(values, "rounds");
        count = positiveLong(values, "count");
        warmup = parse(values, "warmup");
        seconds = positiveInt(values, "seconds");
        warmupSeconds = (int)parse(values, "warmupSeconds");
        size = positiveInt(values, "size");
        ringCapacity = positiveInt(values, "ringCapacity");
        timeoutSeconds = positiveInt(values, "timeoutSeconds");
        peers = values.get("peers").isBlank() ? List.of() : Arrays.asList(values.get("peers").split("\\s*,\\s*"));
        pin = values.get("pin");
        if (!List.of("none", "split", "same").contains(pin))
        {
            throw new IllegalArgumentException("pin=" + pin + " must be none, split or same");
        }

        if (warmup < 0 || warmupSeconds < 0)
        {
            throw new IllegalArgumentException(
                "warm-up must not be negative: warmup=" + warmup + ", warmupSeconds=" + warmupSeconds);
        }
        if (size < BenchMessage.MIN_LENGTH)
        {
            throw new IllegalArgumentException(
                "size too small for the sequence number: size=" + size + ", min=" + BenchMessage.MIN_LENGTH);
        }
        if (Integer.bitCount(ringCapacity) != 1)
        {
            throw new IllegalArgumentException("ringCapacity must be a power of two: ringCapacity=" + ringCapacity);
        }
    }

    /**
     * Reads the system properties, then applies the arguments.
     *
     * @param args {@code key=value} pairs, optionally starting with {@code --}.
     * @return the settings.
     * @throws IllegalArgumentException for an unknown key or a bad value.
     */
    public static BenchConfig from(final String[] args)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final Map.Entry<String, String> entry : DEFAULTS.entrySet())
        {
            values.put(entry.getKey(), System.getProperty(PROP_PREFIX + entry.getKey(), entry.getValue()));
        }
        for (final String arg : args)
        {
            final String pair = arg.startsWith("--") ? arg.substring(2) : arg;
            final int equals = pair.indexOf('=');
            final String key = equals > 0 ? pair.substring(0, equals) : pair;
            if (equals < 0 || !DEFAULTS.containsKey(key))
            {
                throw new IllegalArgumentException("expected key=value with a known key: arg=" + arg +
                    ", keys=" + DEFAULTS.keySet());
            }
            values.put(key, pair.substring(equals + 1));
        }

        return new BenchConfig(values);
    }

    /**
     * @return how many times every peer is run.
     */
    public int rounds()
    {
        return rounds;
    }

    /**
     * @return measured round trips per run.
     */
    public long count()
    {
        return count;
    }

    /**
     * @return round trips per run before measuring.
     */
    public long warmup()
    {
        return warmup;
    }

    /**
     * @return measured nanoseconds of a throughput run.
     */
    public long measureNs()
    {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    /**
     * @return nanoseconds a throughput producer sends before measuring.
     */
    public long warmupNs()
    {
        return TimeUnit.SECONDS.toNanos(warmupSeconds);
    }

    /**
     * @return message payload bytes.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return data bytes of each ring buffer.
     */
    public int ringCapacity()
    {
        return ringCapacity;
    }

    /**
     * @return the longest a run may take, in milliseconds.
     */
    public long timeoutMs()
    {
        return TimeUnit.SECONDS.toMillis(timeoutSeconds);
    }

    /**
     * @return the pinning mode, see {@link CpuPinning}.
     */
    public String pin()
    {
        return pin;
    }

    /**
     * @param name a peer name.
     * @return true when the peer is selected.
     */
    public boolean includes(final String name)
    {
        return peers.isEmpty() || peers.contains(name);
    }

    /**
     * @return the settings as one line, for the report.
     */
    public String toString()
    {
        return "rounds=" + rounds + " count=" + count + " warmup=" + warmup + " seconds=" + seconds +
            " warmupSeconds=" + warmupSeconds + " size=" + size + " ringCapacity=" + ringCapacity +
            " timeoutSeconds=" + timeoutSeconds + " peers=" + (peers.isEmpty() ? "all" : String.join(",", peers)) +
            " pin=" + pin;
    }

    private static Map<String, String> defaults()
    {
        final Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("rounds", "3");
        defaults.put("count", "100000");
        defaults.put("warmup", "20000");
        defaults.put("seconds", "3");
        defaults.put("warmupSeconds", "1");
        defaults.put("size", "32");
        defaults.put("ringCapacity", "1048576");
        defaults.put("timeoutSeconds", "120");
        defaults.put("peers", "");
        defaults.put("pin", "none");

        return defaults;
    }

    private static int positiveInt(final Map<String, String> values, final String key)
    {
        final long value = positiveLong(values, key);
        if (value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(key + " too large: " + key + "=" + value);
        }

        return (int)value;
    }

    private static long positiveLong(final Map<String, String> values, final String key)
    {
        final long value = parse(values, key);
        if (value <= 0)
        {
            throw new IllegalArgumentException(key + " must be positive: " + key + "=" + value);
        }

        return value;
    }

    private static long parse(final Map<String, String> values, final String key)
    {
        try
        {
            return Long.parseLong(values.get(key).trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a whole number: " + key + "=" + values.get(key), ex);
        }
    }
}
