package io.ringline.ring;

import io.ringline.Ringline;
import io.ringline.RinglineException;
import io.ringline.crash.CrashSubscriberMain;
import io.ringline.process.ChildProcess;
import io.ringline.test.TestChannels;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

import static io.ringline.test.TestChannels.with;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A channel file that another program truncates or overwrites while a Ringline process has it mapped: a process that
 * opens it afterwards is told, by an exception naming the file and what is wrong, and never crashes on open. (The
 * process that has it mapped is not protected: touching a page that a truncation removed raises SIGBUS, which the JVM
 * turns into an {@link InternalError} in compiled code but which kills it inside a runtime call; hence owner-only
 * modes and the refusal of other users' channels. docs/reliability.md says more.)
 */
@Timeout(120)
class DamagedChannelTest
{
    @ParameterizedTest
    @EnumSource(value = TestChannels.class, names = {"SHM", "FILE"})
    void damageDoneWhileMappedIsDetectedByTheNextOpener(final TestChannels kind) throws Exception
    {
        final String channel = with(kind.newChannel(), "capacity=64k");
        final String bare = channel.substring(0, channel.indexOf('?'));
        final Path path = RingTransportProvider.path(io.ringline.ChannelUri.parse(bare), "/dev/shm");
        // The process that has it mapped is a child: touching a page the truncation removed may kill it (see above).
        try (ChildProcess holder = ChildProcess.startJvm(CrashSubscriberMain.class, channel))
        {
            holder.awaitLine("READY", 60_000);
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
            {
                final byte[] header = new byte[128];
                file.readFully(header);

                file.seek(0);
                final byte[] garbage = new byte[128];
                Arrays.fill(garbage, (byte)0x5A);
                file.write(garbage);
                assertOpenFails(bare, "not a Ringline channel", "magic=0x5a5a5a5a5a5a5a5a");

                file.seek(0);
                file.write(header);
                file.seek(RingDescriptor.CAPACITY_OFFSET);
                file.write(new byte[] {0, 0, 2, 0}); // capacity 64k -> 128k: the checksum no longer matches
                assertOpenFails(bare, "header is corrupt", "checksum");

                file.seek(0);
                file.write(header);
                file.setLength(file.length() / 2);
                assertOpenFails(bare, "truncated", "expected=");

                file.setLength(0);
                assertOpenFails(bare, "truncated", "length=0");
            }
            holder.close();
            java.nio.file.Files.deleteIfExists(Path.of("hs_err_pid" + holder.pid() + ".log")); // if it died of it
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(bare);
            }
        }
    }

    private static void assertOpenFails(final String channel, final String... fragments)
    {
        try (Ringline opener = Ringline.connect())
        {
            final RinglineException ex = assertThrows(RinglineException.class, () -> opener.addSubscriber(channel));
            for (final String fragment : fragments)
            {
                assertTrue(ex.getMessage().contains(fragment), "'" + ex.getMessage() + "' should say " + fragment);
            }
        }
    }
}
