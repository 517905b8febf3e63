package io.ringline.perf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
 * <tr><td>seconds</td><td>3</td><td>measured seconds of a throughput run (a decimal, e.g. 0.5)</td></tr>
 * <tr><td>warmupSeconds</td><td>1</td><td>seconds a throughput producer sends before measuring (a decimal)</td></tr>
 * <tr><td>size</td><td>32</td><td>message payload bytes, at least 8 (the sequence number)</td></tr>
 * <tr><td>sizes</td><td>(size)</td><td>comma-separated payload sizes, each run for every peer: a size matrix</td></tr>
 * <tr><td>ringCapacity</td><td>1048576</td><td>data bytes of each ring buffer, a power of two</td></tr>
 * <tr><td>timeoutSeconds</td><td>120</td><td>longest a single run may take before it is failed</td></tr>
 * <tr><td>peers</td><td>(all)</td><td>comma-separated peer names to run</td></tr>
 * <tr><td>pin</td><td>none</td><td>none, split or same: see {@link CpuPinning}</td></tr>
 * <tr><td>net</td><td>loopback</td><td>where the network peers' far side runs: loopback, or veth (a network namespace
 * joined by a veth pair, needs root): see {@link NetworkSetting}</td></tr>
 * <tr><td>aeronIdle</td><td>yield</td><td>idle strategy of every media driver and bridge thread of the UDP peers (ours
 * and Aeron's alike): spin, yield or backoff; see docs/perf.md</td></tr>
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
    private final double seconds;
    private final double warmupSeconds;
    private final int size;
    private final int ringCapacity;
    private final int timeoutSeconds;
    private final List<Integer> sizes;
    private final List<String> peers;
    private final String pin;
    private final String net;
    private final String aeronIdle;
    private final Map<String, String> values;

    private BenchConfig(final Map<String, String> values)
    {
        this.values = Map.copyOf(values);
        rounds = positiveInt(values, "rounds");
        count = positiveLong(values, "count");
        warmup = parse(values, "warmup");
        seconds = decimal(values, "seconds");
        warmupSeconds = decimal(values, "warmupSeconds");
        size = positiveInt(values, "size");
        ringCapacity = positiveInt(values, "ringCapacity");
        timeoutSeconds = positiveInt(values, "timeoutSeconds");
        peers = list(values.get("peers"));
        sizes = values.get("sizes").isBlank() ? List.of(size) : list(values.get("sizes")).stream()
            .map((value) -> positiveInt(Map.of("sizes", value), "sizes")).toList();
        pin = values.get("pin");
        if (!List.of("none", "split", "same").contains(pin))
        {
            throw new IllegalArgumentException("pin=" + pin + " must be none, split or same");
        }
        aeronIdle = values.get("aeronIdle");
        if (!List.of("spin", "yield", "backoff").contains(aeronIdle))
        {
            throw new IllegalArgumentException("aeronIdle=" + aeronIdle + " must be spin, yield or backoff");
        }
        net = values.get("net");
        if (!List.of(NetworkSetting.LOOPBACK, NetworkSetting.VETH).contains(net))
        {
            throw new IllegalArgumentException("net=" + net + " must be " + NetworkSetting.LOOPBACK + " or " +
                NetworkSetting.VETH);
        }

        if (seconds <= 0)
        {
            throw new IllegalArgumentException("seconds must be positive: seconds=" + seconds);
        }
        if (warmup < 0 || warmupSeconds < 0)
        {
            throw new IllegalArgumentException(
                "warm-up must not be negative: warmup=" + warmup + ", warmupSeconds=" + warmupSeconds);
        }
        if (Math.min(size, sizes.stream().min(Integer::compare).orElseThrow()) < BenchMessage.MIN_LENGTH)
        {
            throw new IllegalArgumentException(
                "size too small for the sequence number: size=" + size + ", sizes=" + sizes + ", min=" +
                BenchMessage.MIN_LENGTH);
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
    public static BenchConfig from(final String... args)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final Map.Entry<String, String> entry : DEFAULTS.entrySet())
        {
            values.put(entry.getKey(), System.getProperty(PROP_PREFIX + entry.getKey(), entry.getValue()));
        }

        return withArgs(values, args);
    }

    /**
     * These settings with some replaced, e.g. {@code with("size=4096")}.
     *
     * @param args {@code key=value} pairs, optionally starting with {@code --}.
     * @return the new settings.
     * @throws IllegalArgumentException for an unknown key or a bad value.
     */
    public BenchConfig with(final String... args)
    {
        return withArgs(new LinkedHashMap<>(values), args);
    }

    private static BenchConfig withArgs(final Map<String, String> values, final String[] args)
    {
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
        return Math.round(seconds * 1e9);
    }

    /**
     * @return nanoseconds a throughput producer sends before measuring.
     */
    public long warmupNs()
    {
        return Math.round(warmupSeconds * 1e9);
    }

    /**
     * @return message payload bytes.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the payload sizes of the size matrix, in order; just {@link #size()} unless {@code sizes} is set.
     */
    public List<Integer> sizes()
    {
        return sizes;
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
     * @return where the network peers' far side runs, see {@link NetworkSetting}.
     */
    public String net()
    {
        return net;
    }

    /**
     * @return the idle strategy of the UDP peers' media drivers and bridges: spin, yield or backoff.
     */
    public String aeronIdle()
    {
        return aeronIdle;
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
     * @param name a peer name.
     * @return true when {@code peers=} names it (not merely selects it by being empty).
     */
    public boolean names(final String name)
    {
        return peers.contains(name);
    }

    /**
     * @return the settings as one line, for the report.
     */
    public String toString()
    {
        return "rounds=" + rounds + " count=" + count + " warmup=" + warmup + " seconds=" + seconds +
            " warmupSeconds=" + warmupSeconds + " sizes=" + sizes.stream().map(String::valueOf)
            .collect(Collectors.joining(",")) + " ringCapacity=" + ringCapacity +
            " timeoutSeconds=" + timeoutSeconds + " peers=" + (peers.isEmpty() ? "all" : String.join(",", peers)) +
            " pin=" + pin + " net=" + net + " aeronIdle=" + aeronIdle;
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
        defaults.put("sizes", "");
        defaults.put("ringCapacity", "1048576");
        defaults.put("timeoutSeconds", "120");
        defaults.put("peers", "");
        defaults.put("pin", "none");
        defaults.put("net", NetworkSetting.LOOPBACK);
        defaults.put("aeronIdle", "yield");

        return defaults;
    }

    private static List<String> list(final String value)
    {
        return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s*,\\s*"));
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

    private static double decimal(final Map<String, String> values, final String key)
    {
        try
        {
            return Double.parseDouble(values.get(key).trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a number: " + key + "=" + values.get(key), ex);
        }
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
