package io.ringline.tools;

import io.ringline.tools.json.JsonWriter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How {@code ringline tail} prints a message, one line each: {@code text} (the payload as UTF-8, control characters
 * and invalid bytes escaped), {@code hex} (the payload in lower-case hex) or {@code json} (position, type, length,
 * timestamp, hex payload and, when it is valid UTF-8, the text).
 */
enum MessageFormat
{
    /** The payload as UTF-8 text, escaped so that one message stays on one line. */
    text
    {
        @Override
        String format(final long position, final int type, final long timestampNs, final byte[] payload)
        {
            return escape(payload);
        }
    },
    /** The payload in lower-case hex. */
    hex
    {
        @Override
        String format(final long position, final int type, final long timestampNs, final byte[] payload)
        {
            return HexFormat.of().formatHex(payload);
        }
    },
    /** One JSON object: {"position","type","length","timestamp_ns","hex","text"}. */
    json
    {
        @Override
        String format(final long position, final int type, final long timestampNs, final byte[] payload)
        {
            return new JsonWriter().beginObject()
                .field("position", position)
                .field("type", type)
                .field("length", payload.length)
                .field("timestamp_ns", timestampNs)
                .field("hex", HexFormat.of().formatHex(payload))
                .field("text", utf8(payload))
                .endObject().toString();
        }
    };

    abstract String format(long position, int type, long timestampNs, byte[] payload);

    static String utf8(final byte[] payload)
    {
        try
        {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(payload)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
    }

    static String escape(final byte[] payload)
    {
        final String decoded = utf8(payload);
        final StringBuilder out = new StringBuilder();
        if (null == decoded)
        {
            for (final byte b : payload)
            {
                if (b >= 0x20 && b < 0x7F && b != '\\')
                {
                    out.append((char)b);
                }
                else
                {
                    out.append(String.format("\\x%02x", b & 0xFF));
                }
            }
            return out.toString();
        }
        for (int i = 0; i < decoded.length(); i++)
        {
            final char c = decoded.charAt(i);
            switch (c)
            {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int)c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
