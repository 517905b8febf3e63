package io.ringline.bridge;

import io.ringline.transport.aeron.AeronFrameDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/layout.md's sections for the structures of the transports module (the engine's {@code LayoutDocTest} checks
 * the rest and leaves these out, their descriptors being out of its reach): every field row names its constant with
 * the offset the constant holds, and the header length is where the payload starts.
 */
class TransportLayoutDocTest
{
    private static final Path LAYOUT = Path.of(System.getProperty("user.dir")).resolveSibling("docs/layout.md");

    @Test
    void aeronFrameRowsMatchTheDescriptor() throws Exception
    {
        final String section = section("## Aeron frame (aeron: channels)");
        assertRow(section, AeronFrameDescriptor.TYPE_OFFSET, "4", "`AeronFrameDescriptor.TYPE_OFFSET`");
        assertRow(section, AeronFrameDescriptor.HEADER_LENGTH, "length - " + AeronFrameDescriptor.HEADER_LENGTH,
            "`AeronFrameDescriptor.HEADER_LENGTH`");
        assertPayloadDrawnAt(section, AeronFrameDescriptor.HEADER_LENGTH);
    }

    @Test
    void bridgeSequenceRowsMatchTheDescriptor() throws Exception
    {
        final String section = section("## Bridge sequence (the aeron: side of a bridge)");
        assertRow(section, BridgeSequenceDescriptor.SEQUENCE_OFFSET, "8", "`BridgeSequenceDescriptor.SEQUENCE_OFFSET`");
        assertRow(section, BridgeSequenceDescriptor.HEADER_LENGTH,
            "length - " + BridgeSequenceDescriptor.HEADER_LENGTH, "`BridgeSequenceDescriptor.HEADER_LENGTH`");
        assertPayloadDrawnAt(section, BridgeSequenceDescriptor.HEADER_LENGTH);
    }

    @Test
    void bridgeStateRowsMatchTheDescriptor() throws Exception
    {
        final String section = section("## Bridge sequence (the aeron: side of a bridge)");
        assertRow(section, BridgeStateDescriptor.VERSION_OFFSET, "4", "`BridgeStateDescriptor.VERSION_OFFSET`");
        assertRow(section, BridgeStateDescriptor.EPOCH_OFFSET, "4", "`BridgeStateDescriptor.EPOCH_OFFSET`");
        assertRow(section, BridgeStateDescriptor.COMMIT_OFFSET, "8", "`BridgeStateDescriptor.COMMIT_OFFSET`");
        assertRow(section, BridgeStateDescriptor.CHECKPOINTS_OFFSET,
            Integer.toString(2 * BridgeStateDescriptor.CHECKPOINT_LENGTH), "`BridgeStateDescriptor.CHECKPOINTS_OFFSET`");
        assertEquals(BridgeStateDescriptor.FILE_LENGTH, BridgeStateDescriptor.CHECKPOINTS_OFFSET +
            2 * BridgeStateDescriptor.CHECKPOINT_LENGTH);
        assertTrue(section.contains("(`BridgeStateDescriptor`, " + BridgeStateDescriptor.FILE_LENGTH + " bytes"), section);
        assertEquals(8, BridgeStateDescriptor.SOURCE_POSITION_OFFSET);
        assertEquals(0, BridgeStateDescriptor.NEXT_SEQUENCE_OFFSET);
    }

    private static void assertPayloadDrawnAt(final String section, final int offset)
    {
        assertTrue(section.lines().anyMatch((line) -> line.contains("Payload") && line.endsWith(" " + offset)),
            "the diagram does not put the payload at " + offset + ":\n" + section);
    }

    private static void assertRow(final String section, final int offset, final String size, final String constant)
    {
        final String prefix = "| " + offset + " | " + size + " | ";
        final boolean found = section.lines().anyMatch((line) -> line.startsWith(prefix) && line.endsWith(constant + " |"));
        assertTrue(found, "layout.md has no row '" + prefix + "... " + constant + " |' in:\n" + section);
    }

    private static String section(final String heading) throws Exception
    {
        final String text = Files.readString(LAYOUT);
        final int start = text.indexOf(heading + "\n");
        assertTrue(start >= 0, "layout.md has no section " + heading);
        final int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
