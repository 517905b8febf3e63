package io.ringline.ring;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.Subscriber;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ring subscriber with {@code from=POSITION} joins at a delivered message's position while that record is still in
 * the ring (the resume point of a restarted reader), and is refused when it is overwritten, past the tail, or not on
 * the record grid.
 */
@Timeout(30)
class JoinFromPositionTest
{
    private final String channel = TestChannels.SHM.newChannel();
    private final String uri = TestChannels.with(channel, "capacity=4k");
    private final Ringline ringline = Ringline.connect(new Ringline.Context().useConductorThread(false));

    @AfterEach
    void removeChannel()
    {
        ringline.removeChannel(channel);
        ringline.close();
    }

    @Test
    void resumesAfterADeliveredMessage()
    {
        try (Subscriber first = ringline.addSubscriber(uri);
            Publisher publisher = ringline.addExclusivePublisher(uri))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
            for (int i = 0; i < 10; i++)
            {
                message.putLong(0, i);
                assertTrue(publisher.offer(message, 0, 8, 1) > 0);
            }
            final long[] afterThird = new long[1];
            final int[] seen = new int[1];
            first.poll((buffer, offset, length, header) ->
            {
                if (seen[0]++ == 2)
                {
                    afterThird[0] = header.position();
                }
            }, 10);
            try (Subscriber resumed = ringline.addSubscriber(uri + "&from=" + afterThird[0]))
            {
                final List<Long> values = new ArrayList<>();
                resumed.poll((buffer, offset, length, header) -> values.add(buffer.getLong(offset)), 100);
                assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L), values);
            }
        }
    }

    @Test
    void refusesAnOverwrittenPositionAPositionPastTheTailAndOneOffTheGrid()
    {
        try (Publisher publisher = ringline.addExclusivePublisher(uri))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
            long firstEnd = -1;
            try (Subscriber reader = ringline.addSubscriber(uri))
            {
                for (int i = 0; i < 200; i++)
                {
                    while (publisher.offer(message, 0, 100, 1) < 0)
                    {
                        final long[] end = new long[1];
                        reader.poll((buffer, offset, length, header) -> end[0] = header.position(), 100);
                        firstEnd = firstEnd < 0 ? end[0] : firstEnd;
                    }
                }
            }
            final long overwritten = firstEnd;
            final RinglineException lapped = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber(uri + "&from=" + overwritten));
            assertTrue(lapped.getMessage().contains("no record starts there any more"), lapped.getMessage());
            final RinglineException past = assertThrows(RinglineException.class,
                () -> ringline.addSubscriber(uri + "&from=" + (1L << 40)));
            assertTrue(past.getMessage().contains("past the tail"), past.getMessage());
            final IllegalArgumentException offGrid = assertThrows(IllegalArgumentException.class,
                () -> ringline.addSubscriber(uri + "&from=33"));
            assertTrue(offGrid.getMessage().contains("from=33"), offGrid.getMessage());
        }
    }
}
