package io.ringline.tools.json;

/**
 * Writes one JSON value into a string: objects, arrays, strings, numbers and booleans, with the commas placed for
 * the caller. Enough for the tools' machine-readable output without a dependency.
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().field("channel", "shm:rtt").field("p50_ns", 812).endObject().toString();
 * }</pre>
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    /**
     * @return this writer, inside a new object.
     */
    public JsonWriter beginObject()
    {
        comma();
        out.append('{');
        needsComma = false;
        return this;
    }

    /**
     * @return this writer, after the object.
     */
    public JsonWriter endObject()
    {
        out.append('}');
        needsComma = true;
        return this;
    }

    /**
     * @param name the array's field name, or null inside an array.
     * @return this writer, inside a new array.
     */
    public JsonWriter beginArray(final String name)
    {
        if (null != name)
        {
            name(name);
        }
        else
        {
            comma();
        }
        out.append('[');
        needsComma = false;
        return this;
    }

    /**
     * @return this writer, after the array.
     */
    public JsonWriter endArray()
    {
        out.append(']');
        needsComma = true;
        return this;
    }

    /**
     * @param name  the field's name.
     * @return this writer, ready for the field's value (an object or an array).
     */
    public JsonWriter name(final String name)
    {
        comma();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    /**
     * @param name  the field's name.
     * @param value a string, or null.
     * @return this writer.
     */
    public JsonWriter field(final String name, final String value)
    {
        name(name);
        if (null == value)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        needsComma = true;
        return this;
    }

    /**
     * @param name  the field's name.
     * @param value a number.
     * @return this writer.
     */
    public JsonWriter field(final String name, final long value)
    {
        name(name);
        out.append(value);
        needsComma = true;
        return this;
    }

    /**
     * @param name  the field's name.
     * @param value a number; NaN and infinities become null.
     * @return this writer.
     */
    public JsonWriter field(final String name, final double value)
    {
        name(name);
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        needsComma = true;
        return this;
    }

    /**
     * @param name  the field's name.
     * @param value a boolean.
     * @return this writer.
     */
    public JsonWriter field(final String name, final boolean value)
    {
        name(name);
        out.append(value);
        needsComma = true;
        return this;
    }

    /**
     * @param value a string element of the array being written.
     * @return this writer.
     */
    public JsonWriter value(final String value)
    {
        comma();
        string(value);
        needsComma = true;
        return this;
    }

    private void comma()
    {
        if (needsComma)
        {
            out.append(',');
        }
    }

    private void string(final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString()
    {
        return out.toString();
    }
}
