package io.ringline.tools.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's CPU list format, both ways, and its errors naming the token or CPU at fault.
 */
class CpuListTest
{
    @Test
    void parsesAndFormatsRanges()
    {
        assertArrayEquals(new int[] { 0, 1, 2, 3, 6, 8, 9 }, CpuList.parse(" 0-3,6,9,8 "));
        assertArrayEquals(new int[0], CpuList.parse(""));
        assertEquals("0-3,6,8-9", CpuList.format(new int[] { 0, 1, 2, 3, 6, 8, 9 }));
        assertEquals("none", CpuList.format(new int[0]));
    }

    @Test
    void namesTheBadTokenAndTheAllowedSet()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0,,2")).getMessage()
            .contains("'' is not a CPU number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuList.parse("1-a")).getMessage()
            .contains("'1-a'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CpuList.parse("5-2")).getMessage()
            .contains("ends before it starts"));
        assertEquals("cpu 7 is not one this process may use (allowed: 0-1)", assertThrows(
            IllegalArgumentException.class, () -> CpuList.requireAllowed(new int[] { 1, 7 }, new int[] { 0, 1 }))
            .getMessage());
    }
}
