package io.ringline.ring;

/**
 * The outcomes of the ring's jcstress tests, declared once: the ids (what a test's result prints as) and why each is
 * acceptable or forbidden. A ring test's result starts {@code seen, check}: how many of its messages the racing
 * poller saw, and the first violation any reader found ({@link #OK} when none); the last number of a test that
 * alternates its publisher between states is the publisher's mode ({@link #EXCLUSIVE} or {@link #CONCURRENT}).
 */
final class Outcomes
{
    /** No violation. */
    static final int OK = 0;
    /** A delivered payload was not the one committed: half-written, or bytes from before the commit (a stale lap). */
    static final int TORN = 1;
    /** A message was delivered twice, out of order, or one never sent was delivered. */
    static final int ORDER = 2;
    /** The subscriber's position, or a delivered message's position, went backwards. */
    static final int BACKWARDS = 3;
    /** After both actors finished, a committed message could not be read. */
    static final int LOST = 4;
    /** A reader threw (e.g. it took stale bytes for a record and found it corrupt). */
    static final int ERROR = 5;
    /** Two claims overlapped. */
    static final int OVERLAP = 6;

    /** Publisher mode in a result: the exclusive publisher. */
    static final int EXCLUSIVE = 0;
    /** Publisher mode in a result: a concurrent publisher. */
    static final int CONCURRENT = 1;

    /** The last number of a result by the exclusive publisher. */
    static final String BY_EXCLUSIVE = ", 0";
    /** The last number of a result by a concurrent publisher. */
    static final String BY_CONCURRENT = ", 1";

    static final String VIOLATION_DESC = "FORBIDDEN: the second number names the violation (Outcomes: 1 torn or " +
        "stale payload, 2 duplicate or out of order, 3 position went backwards, 4 committed message lost, " +
        "5 reader threw on a record it should not have read, 6 overlapping claims). Each breaks the ring's one " +
        "rule: a record is read only after its tag is stored with release, and then it is complete.";

    static final String NO_SLEEPER_DESC = "The publisher saw no sleeper: the subscriber counted itself after the " +
        "claim, saw the tail moved and did not sleep, or found the message before trying.";

    static final String SLEEPER_WOKEN_DESC = "The publisher saw the counted sleeper and woke it (or it saw the tail " +
        "and left before sleeping): the race window was hit and closed.";

    static final String LOST_WAKEUP_DESC = "FORBIDDEN: the subscriber slept until its timeout over a committed " +
        "message (second number 1), or never got it (first number 0): a lost wakeup. The subscriber announces " +
        "itself (atomic add) before it reads the tail, the publisher's claim is a full fence before it reads the " +
        "sleeper count, so at least one of them must see the other.";

    private Outcomes()
    {
    }
}
