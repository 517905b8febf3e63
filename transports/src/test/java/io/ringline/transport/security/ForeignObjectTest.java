package io.ringline.transport.security;

import io.ringline.Publisher;
import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.os.Native;
import io.ringline.transport.mq.NobodyJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hole of issue 11, closed for every kind of object: another user (a child JVM as nobody) plants a ring file, a
 * FIFO, a Unix stream and datagram socket file, a POSIX queue, a System V queue, a channel's POSIX semaphore and a
 * channel's System V semaphore set, each with a mode that lets this process in, as someone who wants to read what it
 * sends would. Opening each without {@code any-owner=true} is refused with a message naming the owner; with it, each
 * opens (so the refusal was the owner check, not something else).
 *
 * <p>The owner is read from the object this process opened, never from a path, so the result is the same where
 * /dev/mqueue is mounted and where it is not: the transports module runs this class in both states (the execution
 * {@code other-mqueue-state} of its pom). Needs root with setpriv, else skipped with the reason.
 */
@Timeout(120)
class ForeignObjectTest
{
    @Test
    void everyObjectAnotherUserPlantedIsRefusedUnlessTheUriTrustsItsOwner() throws Exception
    {
        final String reason = NobodyJvm.unavailableReason();
        assumeTrue(null == reason, reason);
        final String token = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final String tmp = "/tmp/ringline-planted-" + token;
        final String posixsemRing = "shm:planted-posixsem-" + token;
        final String sysvsemRing = "shm:planted-sysvsem-" + token;
        final int sysvmqKey = 0x57000000 | random.nextInt(0x00FFFFFF) + 1;

        final Map<String, Function<Ringline, AutoCloseable>> opens = new LinkedHashMap<>();
        final List<String> planted = new ArrayList<>();
        plant(planted, opens, "shm:planted-" + token, true);
        plant(planted, opens, "fifo:" + tmp + ".fifo", true);
        plant(planted, opens, "unix:" + tmp + ".sock", false);
        plant(planted, opens, "unixgram:" + tmp + ".dgram", false);
        plant(planted, opens, "mq:/ringline-planted-" + token, false);
        plant(planted, opens, "sysvmq:" + sysvmqKey, false);
        opens.put(posixsemRing + "?wait=posixsem", ringline -> ringline.addSubscriber(posixsemRing + "?wait=posixsem"));
        opens.put(sysvsemRing + "?wait=sysvsem", ringline -> ringline.addSubscriber(sysvsemRing + "?wait=sysvsem"));

        int plantedSemaphoreSet = -1;
        try (Ringline ringline = Ringline.connect())
        {
            ringline.addSubscriber(posixsemRing + "?perm=666&wakeups=true").close();
            ringline.addSubscriber(sysvsemRing + "?perm=666&wakeups=true").close();
            final List<String> args = new ArrayList<>(List.of(
                "/dev/shm/ringline-planted-posixsem-" + token, "/dev/shm/ringline-planted-sysvsem-" + token));
            args.addAll(planted);
            final String output = NobodyJvm.run(PlantAsNobodyMain.class, 60_000, args.toArray(new String[0]));
            assertTrue(output.contains("PLANTED"), output);
            plantedSemaphoreSet = Integer.parseInt(output.lines().filter(line -> line.startsWith("SYSVSEM "))
                .findFirst().orElseThrow().substring(8));

            final Map<String, String> notRefused = new LinkedHashMap<>();
            for (final Map.Entry<String, Function<Ringline, AutoCloseable>> open : opens.entrySet())
            {
                try (AutoCloseable opened = open.getValue().apply(ringline))
                {
                    notRefused.put(open.getKey(), "opened");
                }
                catch (final RinglineException ex)
                {
                    if (!ex.getMessage().contains("owned by uid=" + NobodyJvm.NOBODY) ||
                        !ex.getMessage().contains("any-owner=true"))
                    {
                        notRefused.put(open.getKey(), ex.getMessage());
                    }
                }
            }
            assertTrue(notRefused.isEmpty(), "not refused for its owner: " + notRefused);

            for (final String uri : opens.keySet())
            {
                final String trusted = uri + (uri.contains("?") ? "&" : "?") + "any-owner=true";
                if (uri.startsWith("shm:planted-" + token) || uri.startsWith("fifo:") || uri.contains("wait="))
                {
                    ringline.addSubscriber(trusted).close();
                }
                else
                {
                    try (Publisher publisher = ringline.addPublisher(trusted))
                    {
                        assertFalse(publisher.isClosed(), trusted);
                    }
                }
            }
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                for (final String uri : planted)
                {
                    cleaner.removeChannel(uri.substring(0, uri.indexOf('?')));
                }
                cleaner.removeChannel(posixsemRing);
                cleaner.removeChannel(sysvsemRing);
            }
            Files.deleteIfExists(Path.of(tmp + ".sock"));
            Files.deleteIfExists(Path.of(tmp + ".dgram"));
            if (plantedSemaphoreSet >= 0)
            {
                Native.libc().semctl(plantedSemaphoreSet, 0, Native.IPC_RMID, 0);
            }
        }
    }

    /**
     * A channel the child creates with {@code perm=666}, and how this process opens it: a subscriber for a ring or a
     * FIFO (it reads what others write), a publisher for the others (what it sends could be read).
     */
    private static void plant(final List<String> planted, final Map<String, Function<Ringline, AutoCloseable>> opens,
        final String uri, final boolean subscribe)
    {
        planted.add(uri + "?perm=666");
        opens.put(uri, subscribe ? ringline -> ringline.addSubscriber(uri) : ringline -> ringline.addPublisher(uri));
    }
}
