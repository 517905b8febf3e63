package io.ringline.tools;

import io.ringline.Ringline;
import io.ringline.os.Native;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ls}, {@code rm} and {@code clean} with message queues, in both mqueue mount states, each made for the
 * launcher alone in a private mount namespace (root only; the machine is left as it was): where an mqueue file system
 * is mounted, {@code ls} lists the POSIX queue; where none is, it lists the System V queue, says on stderr (and in
 * the JSON notes) why the POSIX queues are missing and how to mount them, and {@code rm} still removes a POSIX queue.
 */
@Timeout(120)
class QueueListingTest
{
    private static final List<String> UNSHARE = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c");

    @TempDir
    Path dir;

    @TempDir
    Path mountPoint;

    @Test
    void queuesAreListedWhereTheyCanBeAndTheMissingOnesAreExplained() throws Exception
    {
        assumeTrue(Native.libc().geteuid() == 0 && privateMountNamespaceWorks(),
            "needs root and unshare --mount to make both mqueue mount states");
        final String token = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        final String posix = "mq:/ringline-ls-" + token;
        final int key = 0x58000000 | ThreadLocalRandom.current().nextInt(0x00FFFFFF) + 1;
        final String sysv = "sysvmq:0x" + Integer.toHexString(key);
        final Cli unmounted = new Cli(dir).wrappedIn(concat(UNSHARE, List.of(
            "grep ' - mqueue ' /proc/self/mountinfo | cut -d' ' -f5 | while read -r p; do umount \"$p\"; done; " +
            "exec \"$@\"", "sh")));
        final Cli mounted = new Cli(dir).wrappedIn(concat(UNSHARE, List.of(
            "mount -t mqueue none \"$0\" && exec \"$@\"", mountPoint.toString())));
        try (Ringline ringline = Ringline.connect())
        {
            ringline.addSubscriber(posix).close();
            ringline.addSubscriber(sysv).close();

            final Json seen = mounted.json("ls", "--no-sysv", "--json");
            assertTrue(channels(seen).contains(posix) && channels(seen).contains(sysv), seen.toString());
            assertTrue(seen.get("notes").list().isEmpty(), seen.toString());

            final Json unseen = unmounted.json("ls", "--no-sysv", "--json");
            assertFalse(channels(unseen).contains(posix), unseen.toString());
            assertTrue(channels(unseen).contains(sysv), unseen.toString());
            assertTrue(unseen.get("notes").list().get(0).asString().contains("mount -t mqueue none /dev/mqueue"),
                unseen.toString());
            final Cli.Result table = unmounted.run("ls", "--no-sysv").assertOk();
            assertTrue(table.stdout().contains(sysv), table.stdout());
            assertTrue(table.stderr().contains("POSIX queues are listed only where an mqueue file system is mounted"),
                table.stderr());

            final String cleaned = unmounted.run("clean", "--no-sysv").assertOk().stdout();
            assertTrue(cleaned.contains("message queue(s)") && cleaned.contains("rm CHANNEL --force"), cleaned);

            unmounted.run("rm", posix).assertFails(RinglineCli.EXIT_FAILURE, posix, "--force");
            unmounted.run("rm", posix, "--force").assertOk();
            assertFalse(channels(mounted.json("ls", "--no-sysv", "--json")).contains(posix), "rm removed " + posix);
            unmounted.run("rm", sysv, "--force").assertOk();
            assertFalse(channels(unmounted.json("ls", "--no-sysv", "--json")).contains(sysv), "rm removed " + sysv);
        }
        finally
        {
            try (Ringline cleaner = Ringline.connect())
            {
                cleaner.removeChannel(posix);
                cleaner.removeChannel(sysv);
            }
        }
    }

    private static List<String> channels(final Json listing)
    {
        return listing.get("queues").list().stream().map(queue -> queue.get("channel").asString()).toList();
    }

    private static List<String> concat(final List<String> first, final List<String> second)
    {
        final List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static boolean privateMountNamespaceWorks() throws Exception
    {
        final Process process = new ProcessBuilder(concat(UNSHARE, List.of("true"))).start();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
