package io.ringline.crash;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.Subscriber;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Many processes opening the same new channel at the same moment get one correctly initialised channel: each one
 * receives the message published on it afterwards, and no temporary file is left behind.
 */
@Timeout(180)
class CreationRaceTest
{
    private static final int PROCESSES = 5;

    @ParameterizedTest
    @EnumSource(TestChannels.class)
    void processesRacingToCreateAChannelShareOne(final TestChannels kind) throws Exception
    {
        final String channel = with(kind.newChannel(), "capacity=64k");
        final Path go = Files.createTempFile("ringline-race-go-", "");
        Files.delete(go);
        final List<ChildProcess> children = new ArrayList<>();
        try
        {
            for (int i = 0; i < PROCESSES; i++)
            {
                children.add(ChildProcess.startJvm(RacingOpenerMain.class, channel, go.toString()));
            }
            for (final ChildProcess child : children)
            {
                child.awaitLine("WAITING", 60_000);
            }
            Files.createFile(go); // all of them spin on this file's existence: they open together
            for (final ChildProcess child : children)
            {
                child.awaitLine("JOINED", 30_000);
            }

            try (Ringline ringline = Ringline.connect();
                Publisher publisher = ringline.addPublisher(channel))
            {
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
                message.putLong(0, 77);
                assertTrue(publisher.offer(message, 0, 8) > 0, "the racers' subscribers are all on this channel");
            }
            for (final ChildProcess child : children)
            {
                child.awaitLine("GOT 77", 30_000);
                assertEquals(0, child.awaitExitCode(30_000), child.output());
            }
            if (kind != TestChannels.SYSVSHM)
            {
                final String name = "." + Path.of(channel.substring(channel.indexOf(':') + 1, channel.indexOf('?')))
                    .getFileName();
                for (final String dir : List.of("/dev/shm", System.getProperty("java.io.tmpdir")))
                {
                    try (Stream<Path> list = Files.list(Path.of(dir)))
                    {
                        assertEquals(List.of(), list.map(path -> path.getFileName().toString())
                            .filter(file -> file.contains(name.substring(1)) && file.contains(".tmp-")).toList(),
                            "no temporary file is left in " + dir);
                    }
                }
            }
        }
        finally
        {
            for (final ChildProcess child : children)
            {
                child.close();
            }
            Files.deleteIfExists(go);
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(channel.substring(0, channel.indexOf('?')));
            }
        }
    }

    /** Child: {@code channel goFile}: prints WAITING, spins until goFile exists, subscribes, waits for one message. */
    public static final class RacingOpenerMain
    {
        public static void main(final String[] args) throws Exception
        {
            final Path go = Path.of(args[1]);
            System.out.println("WAITING");
            while (!Files.exists(go))
            {
                Thread.onSpinWait();
            }
            try (Ringline ringline = Ringline.connect();
                Subscriber subscriber = ringline.addSubscriber(args[0]))
            {
                System.out.println("JOINED");
                final long[] value = {0};
                while (subscriber.receive((buffer, offset, length, header) -> value[0] = buffer.getLong(offset), 1,
                    TimeUnit.SECONDS.toNanos(30)) == 0)
                {
                    Thread.yield();
                }
                System.out.println("GOT " + value[0]);
            }
        }
    }
}
