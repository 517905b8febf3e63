package io.ringline.sync;

/**
 * Byte layout of the file behind a {@link NamedRobustMutex} or {@link NamedEventCount}: a header that says what the
 * file holds, then the object on its own cache line. The file is one page ({@value #FILE_LENGTH} bytes), created
 * complete before its name appears (temporary file, initialise, link), owner-only unless a mode is given.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "RLSYNC\0\0"                            |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Layout version                                |  8
 *  +---------------------------------------------------------------+
 *  |                 Object type: 1 mutex, 2 event count           | 12
 *  +---------------------------------------------------------------+
 *  |                 Reserved (0) up to offset 64                 ...
 *  +---------------------------------------------------------------+
 *  |                 Object: RobustMutexDescriptor or             ... 64
 *  |                 EventCountDescriptor layout                   |
 *  +---------------------------------------------------------------+
 *  |                 Zero up to 4096                              ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The creator writes the version last, with release semantics. An opener checks the magic, then that the
 * version and the type are the ones it expects, and names both sides in its message when they are not.
 */
public final class SyncFileDescriptor
{
    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int VERSION_OFFSET = 8;
    /** Offset of the object type. */
    public static final int TYPE_OFFSET = 12;
    /** Offset of the object. */
    public static final int OBJECT_OFFSET = 64;
    /** Length of the file: one page. */
    public static final int FILE_LENGTH = 4096;

    /** "RLSYNC\0\0" read as a little-endian long. */
    public static final long MAGIC = 0x0000_434E_5953_4C52L;
    /** The layout version this code writes and reads. */
    public static final int VERSION = 1;
    /** Object type of a {@link NamedRobustMutex}. */
    public static final int TYPE_MUTEX = 1;
    /** Object type of a {@link NamedEventCount}. */
    public static final int TYPE_EVENT = 2;

    private SyncFileDescriptor()
    {
    }

    /**
     * @param type {@link #TYPE_MUTEX} or {@link #TYPE_EVENT}.
     * @return its name for messages.
     */
    public static String typeName(final int type)
    {
        switch (type)
        {
            case TYPE_MUTEX:
                return "mutex";
            case TYPE_EVENT:
                return "event";
            default:
                return "unknown(" + type + ")";
        }
    }
}
