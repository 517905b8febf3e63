package io.ringline.tools;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.perf.BenchMessage;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.util.concurrent.Callable;

/**
 * {@code ringline flood}: the producer process of {@code ringline throughput}; publishes fixed-size messages as fast
 * as the channel takes them until stopped, each carrying a sequence number from 1 where the benchmark harness's
 * producers put theirs ({@link BenchMessage}), for the receiver to check. Hidden: started by {@code throughput}, not
 * by hand.
 */
@Command(name = "flood", hidden = true, description = "Publishes as fast as the channel takes messages (for throughput).")
final class FloodCommand implements Callable<Integer>
{
    @Option(names = "--channel", required = true, paramLabel = "URI", description = "The channel to fill.")
    String channel;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES", description = "Payload bytes.")
    int size;

    @Option(names = "--parent-pid", hidden = true, defaultValue = "0", description = "Exit when this process exits.")
    long parentPid;

    @Override
    public Integer call()
    {
        try (StopSignal stop = StopSignal.install(parentPid);
            Ringline ringline = Ringline.connect();
            Publisher publisher = ringline.addExclusivePublisher(channel))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
            final boolean sequenced = size >= BenchMessage.MIN_LENGTH;
            long sequence = 1;
            while (stop.isRunning())
            {
                if (sequenced)
                {
                    BenchMessage.sequence(message, 0, sequence);
                }
                final long result = publisher.offer(message, 0, size);
                if (result == Publisher.CLOSED)
                {
                    break;
                }
                if (result < 0)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    sequence++;
                }
            }
        }
        return RinglineCli.EXIT_OK;
    }
}
