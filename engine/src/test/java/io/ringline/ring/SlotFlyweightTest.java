package io.ringline.ring;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flyweights read and write exactly the bytes their descriptors draw, at the slot they wrap and nowhere else.
 */
class SlotFlyweightTest
{
    private static final int SLOT = 256;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

    @Test
    void aSubscriberSlotIsLaidOutAsItsDescriptorSays()
    {
        final SubscriberSlot slot = new SubscriberSlot().wrap(buffer, SLOT);
        slot.positionRelease(1);
        slot.pid(2);
        slot.startTime(3);
        slot.heartbeat(4);
        slot.joinPosition(5);
        assertTrue(slot.compareAndSetStateWord(0, 6));
        assertFalse(slot.compareAndSetStateWord(0, 7), "the state word is no longer 0");

        assertEquals(1, buffer.getLong(SLOT + SubscriberSlotDescriptor.POSITION_OFFSET));
        assertEquals(2, buffer.getLong(SLOT + SubscriberSlotDescriptor.PID_OFFSET));
        assertEquals(3, buffer.getLong(SLOT + SubscriberSlotDescriptor.START_TIME_OFFSET));
        assertEquals(4, buffer.getLong(SLOT + SubscriberSlotDescriptor.HEARTBEAT_OFFSET));
        assertEquals(5, buffer.getLong(SLOT + SubscriberSlotDescriptor.JOIN_POSITION_OFFSET));
        assertEquals(6, buffer.getLong(SLOT + SubscriberSlotDescriptor.STATE_OFFSET));
        slot.positionVolatile(8);
        slot.heartbeatRelease(9);
        assertEquals(8, slot.positionVolatile());
        assertEquals(9, slot.heartbeatVolatile());
        assertEquals(5, slot.joinPosition());
        assertEquals(6, slot.stateWordVolatile());
        assertEquals(SLOT, slot.offset());
        assertNothingOutside(SLOT, SubscriberSlotDescriptor.SLOT_LENGTH);
    }

    @Test
    void aPublisherSlotIsLaidOutAsItsDescriptorSays()
    {
        final PublisherSlot slot = new PublisherSlot().wrap(buffer, SLOT);
        slot.mode(PublisherSlotDescriptor.CONCURRENT);
        slot.pid(2);
        slot.startTime(3);
        slot.heartbeat(4);
        slot.claim(5, 6);
        assertTrue(slot.compareAndSetStateWord(0, 7));

        assertEquals(PublisherSlotDescriptor.CONCURRENT, buffer.getInt(SLOT + PublisherSlotDescriptor.MODE_OFFSET));
        assertEquals(2, buffer.getLong(SLOT + PublisherSlotDescriptor.PID_OFFSET));
        assertEquals(3, buffer.getLong(SLOT + PublisherSlotDescriptor.START_TIME_OFFSET));
        assertEquals(4, buffer.getLong(SLOT + PublisherSlotDescriptor.HEARTBEAT_OFFSET));
        assertEquals(5, buffer.getLong(SLOT + PublisherSlotDescriptor.CLAIM_START_OFFSET));
        assertEquals(6, buffer.getLong(SLOT + PublisherSlotDescriptor.CLAIM_END_OFFSET));
        assertEquals(7, buffer.getLong(SLOT + PublisherSlotDescriptor.STATE_OFFSET));
        slot.modeVolatile(PublisherSlotDescriptor.EXCLUSIVE);
        assertEquals(PublisherSlotDescriptor.EXCLUSIVE, slot.modeVolatile());
        assertEquals(PublisherSlotDescriptor.EXCLUSIVE, slot.mode());
        assertEquals(5, slot.claimStartVolatile());
        assertEquals(6, slot.claimEndVolatile());
        assertEquals(2, slot.pid());
        assertEquals(3, slot.startTime());
        assertNothingOutside(SLOT, PublisherSlotDescriptor.SLOT_LENGTH);
    }

    @Test
    void theCountersAreLaidOutAsTheirDescriptorSays()
    {
        final ChannelCounters counters = new ChannelCounters().wrap(buffer);
        counters.incrementBackPressure();
        counters.incrementNotConnected();
        counters.incrementNotConnected();
        counters.addSubscriberEvictions(3);
        counters.addPublisherEvictions(4);
        counters.addPublisherEvictions(0);
        counters.incrementUnblocks();

        assertEquals(1, buffer.getLong(ChannelCountersDescriptor.BACK_PRESSURE_OFFSET));
        assertEquals(2, buffer.getLong(ChannelCountersDescriptor.NOT_CONNECTED_OFFSET));
        assertEquals(3, buffer.getLong(ChannelCountersDescriptor.SUBSCRIBER_EVICTIONS_OFFSET));
        assertEquals(4, buffer.getLong(ChannelCountersDescriptor.PUBLISHER_EVICTIONS_OFFSET));
        assertEquals(1, buffer.getLong(ChannelCountersDescriptor.UNBLOCKS_OFFSET));
        assertEquals(1, counters.backPressureVolatile());
        assertEquals(2, counters.notConnectedVolatile());
        assertEquals(3, counters.subscriberEvictionsVolatile());
        assertEquals(4, counters.publisherEvictionsVolatile());
        assertEquals(1, counters.unblocksVolatile());
        assertNothingOutside(ChannelCountersDescriptor.BACK_PRESSURE_OFFSET, ChannelCountersDescriptor.COUNTERS_LENGTH);
    }

    private void assertNothingOutside(final int start, final int length)
    {
        for (int i = 0; i < buffer.capacity(); i++)
        {
            if (i < start || i >= start + length)
            {
                assertEquals(0, buffer.getByte(i), "byte " + i + " outside [" + start + ", " + (start + length) + ")");
            }
        }
    }
}
