package io.ringline.transport.aeron;

import io.aeron.AeronCounters;
import io.aeron.ChannelUri;
import io.aeron.CncFileDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Aeron counters that matter for one {@code aeron:} channel, read from a media driver's CnC file the way Aeron's
 * {@code AeronStat} reads it (a {@link CountersReader} over the file's counter buffers): per stream (summed over the
 * channel's publications and images) publications, images, subscriber positions, sender back-pressure events, NAKs
 * received by the sender and sent by the receiver; and the driver's own totals (NAKs, retransmits, loss gap fills,
 * bytes, errors), which cover every channel of that driver.
 *
 * @param aeronDir          the driver's directory.
 * @param channel           the Aeron channel matched (Ringline's parameters removed).
 * @param streamId          the stream matched.
 * @param stream            per-stream counters by name, in a fixed order.
 * @param driver            driver-wide counters by name, in a fixed order.
 */
public record AeronChannelCounters(
    String aeronDir, String channel, int streamId, Map<String, Long> stream, Map<String, Long> driver)
{
    /** Offset of the stream id in a stream counter's key (after the registration id and the session id). */
    private static final int STREAM_ID_OFFSET = 12;
    /** Offset of the length-prefixed channel in a stream counter's key. */
    private static final int CHANNEL_OFFSET = 16;
    private static final String[] DRIVER_ORDER = { "naksSent", "naksReceived", "retransmitsSent", "retransmittedBytes",
        "lossGapFills", "statusMessagesSent", "statusMessagesReceived", "bytesSent", "bytesReceived", "errors" };

    /**
     * Reads the counters of a channel from a driver's directory.
     *
     * @param aeronDir   the driver's directory (holding {@code cnc.dat}).
     * @param channelUri the Ringline URI of an {@code aeron:} channel.
     * @return the counters.
     * @throws IllegalArgumentException when the directory holds no CnC file, or one of another version.
     */
    public static AeronChannelCounters read(final String aeronDir, final String channelUri)
    {
        final AeronChannel channel = AeronChannel.parse(io.ringline.ChannelUri.parse(channelUri));
        final File cnc = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (!cnc.isFile())
        {
            throw new IllegalArgumentException("no Aeron media driver at aeron.dir=" + aeronDir + ": no " + cnc +
                " (start one with ringline driver, or name the driver's directory with --aeron-dir)");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final DirectBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            final int version = meta.getInt(CncFileDescriptor.cncVersionOffset(0));
            CncFileDescriptor.checkVersion(version);
            final UnsafeBuffer metaData = CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta);
            final UnsafeBuffer values = CncFileDescriptor.createCountersValuesBuffer(mapped, meta);
            return collect(aeronDir, channel, new CountersReader(metaData, values, StandardCharsets.US_ASCII));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static AeronChannelCounters collect(
        final String aeronDir, final AeronChannel channel, final CountersReader counters)
    {
        final Map<String, Long> stream = new LinkedHashMap<>();
        for (final String name : new String[]{ "publications", "images", "subscriberPositions", "publisherPosition",
            "senderPosition", "receiverPosition", "backPressureEvents", "naksReceived", "naksSent" })
        {
            stream.put(name, 0L);
        }
        final Map<String, Long> driver = new LinkedHashMap<>();
        final ChannelUri wanted = ChannelUri.parse(channel.aeronChannel());
        counters.forEach((counterId, typeId, key, label) ->
        {
            final long value = counters.getCounterValue(counterId);
            if (typeId == AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID)
            {
                final String name = systemCounterName(key.getInt(0));
                if (null != name)
                {
                    driver.put(name, value);
                }
                return;
            }
            final String name = streamCounterName(typeId);
            if (null == name || key.getInt(STREAM_ID_OFFSET) != channel.streamId() ||
                !sameChannel(wanted, key.getStringAscii(CHANNEL_OFFSET)))
            {
                return;
            }
            switch (name)
            {
                case "publications", "images", "subscriberPositions" -> stream.merge(name, 1L, Long::sum);
                case "publisherPosition", "senderPosition", "receiverPosition" -> stream.merge(name, value, Math::max);
                default -> stream.merge(name, value, Long::sum);
            }
        });
        return new AeronChannelCounters(aeronDir, channel.aeronChannel(), channel.streamId(), stream, order(driver));
    }

    private static String streamCounterName(final int typeId)
    {
        return switch (typeId)
        {
            case AeronCounters.DRIVER_PUBLISHER_LIMIT_TYPE_ID -> "publications";
            case AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID -> "images";
            case AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID -> "subscriberPositions";
            case AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID -> "publisherPosition";
            case AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID -> "senderPosition";
            case AeronCounters.DRIVER_RECEIVER_POS_TYPE_ID -> "receiverPosition";
            case AeronCounters.DRIVER_SENDER_BPE_TYPE_ID -> "backPressureEvents";
            case AeronCounters.DRIVER_SENDER_NAKS_RECEIVED_TYPE_ID -> "naksReceived";
            case AeronCounters.DRIVER_RECEIVER_NAKS_SENT_TYPE_ID -> "naksSent";
            default -> null;
        };
    }

    private static String systemCounterName(final int id)
    {
        return switch (id)
        {
            case AeronCounters.SYSTEM_COUNTER_ID_NAK_MESSAGES_SENT -> "naksSent";
            case AeronCounters.SYSTEM_COUNTER_ID_NAK_MESSAGES_RECEIVED -> "naksReceived";
            case AeronCounters.SYSTEM_COUNTER_ID_RETRANSMITS_SENT -> "retransmitsSent";
            case AeronCounters.SYSTEM_COUNTER_ID_RETRANSMITTED_BYTES -> "retransmittedBytes";
            case AeronCounters.SYSTEM_COUNTER_ID_LOSS_GAP_FILLS -> "lossGapFills";
            case AeronCounters.SYSTEM_COUNTER_ID_STATUS_MESSAGES_SENT -> "statusMessagesSent";
            case AeronCounters.SYSTEM_COUNTER_ID_STATUS_MESSAGES_RECEIVED -> "statusMessagesReceived";
            case AeronCounters.SYSTEM_COUNTER_ID_BYTES_SENT -> "bytesSent";
            case AeronCounters.SYSTEM_COUNTER_ID_BYTES_RECEIVED -> "bytesReceived";
            case AeronCounters.SYSTEM_COUNTER_ID_ERRORS -> "errors";
            default -> null;
        };
    }

    private static Map<String, Long> order(final Map<String, Long> found)
    {
        final Map<String, Long> ordered = new LinkedHashMap<>();
        for (final String name : DRIVER_ORDER)
        {
            ordered.put(name, found.getOrDefault(name, 0L));
        }
        return ordered;
    }

    /**
     * The same media and the same endpoint and control address: what a counter's channel (as its publication or
     * subscription was added, possibly cut to the key's length) shares with the wanted one.
     */
    private static boolean sameChannel(final ChannelUri wanted, final String counterChannel)
    {
        final ChannelUri other;
        try
        {
            other = ChannelUri.parse(counterChannel);
        }
        catch (final RuntimeException cut)
        {
            return false;
        }
        return wanted.media().equals(other.media()) &&
            java.util.Objects.equals(wanted.get("endpoint"), other.get("endpoint")) &&
            java.util.Objects.equals(wanted.get("control"), other.get("control"));
    }
}
